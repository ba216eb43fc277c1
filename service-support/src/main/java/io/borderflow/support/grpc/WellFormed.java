package io.borderflow.support.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.borderflow.support.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * What every request must be before any service reads it, whatever its RPC: each {@code google.protobuf.Timestamp}
 * within the range the type allows (years 0001 to 9999, nanos 0 to 999,999,999), each {@code google.protobuf.Duration}
 * within its range (about ±10,000 years, nanos of the same sign), and no string with the NUL character (PostgreSQL
 * cannot store it, and no identifier, name or text of ours has one). Each problem is one field violation with the
 * field's path as the partner wrote it ({@code event.occur_time}, {@code declaration.goods_lines[2].description}).
 * The service's own checks (a time in the past, a duration too long for the RPC) come after this one.
 */
public final class WellFormed {
    /** Enough to name what is wrong without a walk through a huge message taking long. */
    static final int MAX_PROBLEMS = 100;

    private WellFormed() {}

    public static List<FieldViolation> problems(MessageOrBuilder message) {
        List<FieldViolation> problems = new ArrayList<>();
        walk(message, "", problems);
        return problems;
    }

    private static void walk(MessageOrBuilder message, String path, List<FieldViolation> problems) {
        if (message instanceof Timestamp timestamp) {
            if (!Timestamps.isValid(timestamp)) {
                problems.add(new FieldViolation(
                        path,
                        "a timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
                                + " with nanos from 0 to 999999999"));
            }
            return;
        }
        if (message instanceof Duration duration) {
            if (!Durations.isValid(duration)) {
                problems.add(new FieldViolation(
                        path,
                        "a duration within ±315576000000 seconds, nanos of the same sign" + " and below one second"));
            }
            return;
        }
        for (FieldDescriptor descriptor : message.getDescriptorForType().getFields()) {
            if (problems.size() >= MAX_PROBLEMS) {
                return;
            }
            FieldDescriptor.JavaType type = descriptor.getJavaType();
            if (type != FieldDescriptor.JavaType.STRING && type != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (descriptor.isRepeated()) {
                int count = message.getRepeatedFieldCount(descriptor);
                for (int i = 0; i < count && problems.size() < MAX_PROBLEMS; i++) {
                    check(
                            descriptor,
                            message.getRepeatedField(descriptor, i),
                            path(path, descriptor) + "[" + i + "]",
                            problems);
                }
            } else if (type == FieldDescriptor.JavaType.STRING || message.hasField(descriptor)) {
                check(descriptor, message.getField(descriptor), path(path, descriptor), problems);
            }
        }
    }

    private static String path(String parent, FieldDescriptor field) {
        return parent.isEmpty() ? field.getName() : parent + "." + field.getName();
    }

    private static void check(FieldDescriptor descriptor, Object value, String path, List<FieldViolation> problems) {
        switch (descriptor.getJavaType()) {
            case STRING -> {
                if (((String) value).indexOf('\0') >= 0) {
                    problems.add(new FieldViolation(path, "must not contain the NUL character (U+0000)"));
                }
            }
            case MESSAGE -> walk((MessageOrBuilder) value, path, problems);
            default -> {}
        }
    }
}
