package io.borderflow.localrun;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bad requests built from protobuf descriptors, reproducibly from one {@link Random}: random values for every field
 * (boundary numbers, hostile strings, unknown enum numbers, out-of-range timestamps, empty and long repeated fields,
 * nested messages to a depth limit), one-field mutations of a valid request, oversize messages, and bytes that are
 * not protobuf at all.
 */
final class RandomMessages {
    private static final int MAX_DEPTH = 4;
    private static final int LONG_STRING = 100_000;
    /** Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range google.protobuf.Timestamp allows. */
    private static final long MIN_SECONDS = -62_135_596_800L;

    private static final long MAX_SECONDS = 253_402_300_799L;
    private static final String[] RESOURCE_PREFIXES = {
        "checkpoints/",
        "checkpoints/zhaisan/lanes/",
        "declarations/",
        "declarations/x/decision",
        "rulesets/",
        "places/",
        "legs/",
        "bookings/",
        "checkpoints/zhaisan/bookings/",
        "checkpoints/zhaisan/closures/",
        "checkpoints/zhaisan/trucks/",
        "checkpoints/zhaisan/status"
    };

    private final Random random;

    RandomMessages(Random random) {
        this.random = random;
    }

    /** A message of {@code type} with random values in (most of) its fields. */
    DynamicMessage random(Descriptor type) {
        return random(type, 0, true).build();
    }

    private DynamicMessage.Builder random(Descriptor type, int depth, boolean longStringsAllowed) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        if (wellKnownTime(type)) {
            return time(builder);
        }
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(10) < 3) {
                continue; // leave some fields unset
            }
            if (field.isRepeated()) {
                int count = switch (random.nextInt(6)) {
                    case 0 -> 0;
                    case 1 -> 500 + random.nextInt(500); // many elements, each small
                    default -> 1 + random.nextInt(3);
                };
                boolean many = count > 10;
                for (int i = 0; i < count; i++) {
                    // many nested messages are kept flat, so a request stays far below the inbound limit
                    Object value = value(field, many ? MAX_DEPTH - 1 : depth, longStringsAllowed && !many);
                    if (value != null) {
                        builder.addRepeatedField(field, value);
                    }
                }
            } else {
                Object value = value(field, depth, longStringsAllowed);
                if (value != null) {
                    builder.setField(field, value);
                }
            }
        }
        return builder;
    }

    /** A value of the field's type, or null when a nested message would go deeper than allowed. */
    Object value(FieldDescriptor field, int depth, boolean longStringsAllowed) {
        return switch (field.getJavaType()) {
            case STRING -> string(longStringsAllowed);
            case INT -> intValue(field);
            case LONG -> longValue(field);
            case FLOAT -> floatValue();
            case DOUBLE -> doubleValue();
            case BOOLEAN -> random.nextBoolean();
            case BYTE_STRING -> ByteString.copyFrom(bytes(random.nextInt(64)));
            case ENUM -> enumValue(field.getEnumType());
            case MESSAGE ->
                depth >= MAX_DEPTH
                        ? null
                        : random(field.getMessageType(), depth + 1, longStringsAllowed && random.nextInt(4) == 0)
                                .build();
        };
    }

    String string(boolean longAllowed) {
        return switch (random.nextInt(longAllowed ? 13 : 12)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> " \t\r\n ";
            case 3 -> "Жайсан 中文 العربية 😀 e\u0301 \u202Eevil\u202C \uFEFF\u200B";
            case 4 -> "\u0000\u0001\u0007\u001B[31m\u001F\u007F\u0085";
            case 5 ->
                pick(
                        "' OR '1'='1",
                        "1; DROP TABLE booking; --",
                        "\"; select pg_sleep(10); --",
                        "%' AND 1=1 --",
                        "$$; drop table audit_record; $$",
                        "\\'",
                        "%_%",
                        "' || (select version()) || '");
            case 6 ->
                pick(
                        "../../../../etc/passwd",
                        "..\\..\\windows\\win.ini",
                        "checkpoints/../../etc",
                        "/checkpoints/zhaisan",
                        "checkpoints//zhaisan",
                        "checkpoints/zhaisan/",
                        "file:///etc/passwd",
                        "checkpoints/%2e%2e/x",
                        "checkpoints/zhaisan/lanes/-1",
                        "*",
                        "checkpoints/*");
            case 7 ->
                pick(RESOURCE_PREFIXES)
                        + pick(
                                "",
                                "zhaisan",
                                "-1",
                                "0",
                                "99999999999999999999",
                                "syrym",
                                "a b",
                                "ZHAISAN",
                                "x".repeat(300),
                                "%00",
                                "null");
            case 8 -> pick("-1", "0", "NaN", "1e309", "9223372036854775808", "null", "true", "{}", "[]", "<script>");
            case 9 -> "x".repeat(1 + random.nextInt(2000));
            case 10 -> new String(Character.toChars(0x1F600)).repeat(1 + random.nextInt(100));
            case 11 -> randomText(1 + random.nextInt(40));
            default -> "y".repeat(LONG_STRING);
        };
    }

    private Object intValue(FieldDescriptor field) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> 1;
            case 5 -> 1_000_000;
            case 6 -> -random.nextInt(1000);
            default -> random.nextInt(1000);
        };
    }

    private Object longValue(FieldDescriptor field) {
        return switch (random.nextInt(7)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MAX_VALUE;
            case 3 -> Long.MIN_VALUE;
            case 4 -> (long) Integer.MAX_VALUE + 1;
            case 5 -> -random.nextLong(1_000_000);
            default -> random.nextLong(1_000_000);
        };
    }

    private Object floatValue() {
        return switch (random.nextInt(9)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> -0.0f;
            case 4 -> Float.MAX_VALUE;
            case 5 -> Float.MIN_VALUE;
            case 6 -> -Float.MAX_VALUE;
            default -> (random.nextFloat() - 0.5f) * 2000;
        };
    }

    private Object doubleValue() {
        return switch (random.nextInt(9)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> Double.MAX_VALUE;
            case 5 -> Double.MIN_VALUE;
            case 6 -> -Double.MAX_VALUE;
            default -> (random.nextDouble() - 0.5) * 2000;
        };
    }

    /** A declared value, or (often) a number the enum does not declare. */
    Object enumValue(EnumDescriptor type) {
        if (random.nextBoolean()) {
            return type.getValues().get(random.nextInt(type.getValues().size()));
        }
        int number = switch (random.nextInt(4)) {
            case 0 -> -1;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> Integer.MIN_VALUE;
            default -> type.getValues().size() + random.nextInt(100);
        };
        return type.findValueByNumberCreatingIfUnknown(number);
    }

    /** google.protobuf.Timestamp and Duration share seconds (1) and nanos (2): far past, far future, out of range. */
    private DynamicMessage.Builder time(DynamicMessage.Builder builder) {
        Descriptor type = builder.getDescriptorForType();
        long now = System.currentTimeMillis() / 1000;
        long seconds = switch (random.nextInt(11)) {
            case 0 -> 0;
            case 1 -> MIN_SECONDS;
            case 2 -> MIN_SECONDS - 1;
            case 3 -> MAX_SECONDS;
            case 4 -> MAX_SECONDS + 1;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> -1;
            case 8 -> now - random.nextInt(365 * 86400);
            case 9 -> now + random.nextInt(365 * 86400);
            default -> now + 86400L * 365 * 100;
        };
        int nanos = switch (random.nextInt(7)) {
            case 0 -> -1;
            case 1 -> 999_999_999;
            case 2 -> 1_000_000_000;
            case 3 -> Integer.MAX_VALUE;
            case 4 -> Integer.MIN_VALUE;
            default -> 0;
        };
        builder.setField(type.findFieldByNumber(1), seconds);
        if (random.nextBoolean()) {
            builder.setField(type.findFieldByNumber(2), nanos);
        }
        return builder;
    }

    /**
     * {@code base} with one field broken: cleared, or given a random value of its type. The field is picked among
     * every field set in {@code base}, nested ones included, and every field of the top level.
     */
    DynamicMessage mutate(DynamicMessage base) {
        List<List<FieldDescriptor>> paths = new ArrayList<>();
        collectPaths(base, List.of(), paths);
        if (paths.isEmpty()) {
            return random(base.getDescriptorForType());
        }
        return mutate(base, paths.get(random.nextInt(paths.size())), 0);
    }

    private static void collectPaths(Message message, List<FieldDescriptor> prefix, List<List<FieldDescriptor>> paths) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            List<FieldDescriptor> path = new ArrayList<>(prefix);
            path.add(field);
            boolean set = field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
            if (!set && !prefix.isEmpty()) {
                continue;
            }
            paths.add(path);
            if (set
                    && !field.isRepeated()
                    && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !wellKnownTime(field.getMessageType())) {
                collectPaths((Message) message.getField(field), path, paths);
            } else if (set && field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                collectPaths((Message) message.getRepeatedField(field, 0), path, paths);
            }
        }
    }

    private DynamicMessage mutate(Message message, List<FieldDescriptor> path, int index) {
        DynamicMessage.Builder builder =
                DynamicMessage.newBuilder(message.getDescriptorForType()).mergeFrom(message);
        FieldDescriptor field = path.get(index);
        if (index < path.size() - 1) {
            // descend: into the single value, or into the first element of a repeated field
            if (field.isRepeated()) {
                builder.setRepeatedField(
                        field, 0, mutate((Message) message.getRepeatedField(field, 0), path, index + 1));
            } else {
                builder.setField(field, mutate((Message) message.getField(field), path, index + 1));
            }
            return builder.build();
        }
        int choice = random.nextInt(4);
        if (choice == 0) {
            builder.clearField(field);
        } else if (field.isRepeated()) {
            if (choice == 1) {
                for (int i = 0; i < 800; i++) { // many elements, nested messages kept flat
                    Object value = value(field, MAX_DEPTH - 1, false);
                    if (value != null) {
                        builder.addRepeatedField(field, value);
                    }
                }
            } else {
                Object value = value(field, 1, true);
                if (value != null) {
                    if (builder.getRepeatedFieldCount(field) > 0) {
                        builder.setRepeatedField(field, 0, value);
                    } else {
                        builder.addRepeatedField(field, value);
                    }
                }
            }
        } else {
            Object value = value(field, 1, true);
            if (value != null) {
                builder.setField(field, value);
            }
        }
        return builder.build();
    }

    /**
     * {@code base} grown to about {@code size} bytes: a string field (the first found, breadth first, nested up to
     * three levels) filled with text, or an unknown field where the message has no string field.
     */
    DynamicMessage oversize(DynamicMessage base, int size) {
        DynamicMessage grown = fillString(base, size, 0);
        if (grown != null) {
            return grown;
        }
        return DynamicMessage.newBuilder(base)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                9999,
                                UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFrom(new byte[size]))
                                        .build())
                        .build())
                .build();
    }

    private DynamicMessage fillString(DynamicMessage message, int size, int depth) {
        Descriptor type = message.getDescriptorForType();
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
                DynamicMessage.Builder builder = message.toBuilder();
                String text = "z".repeat(size);
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, text);
                } else {
                    builder.setField(field, text);
                }
                return builder.build();
            }
        }
        if (depth >= 3) {
            return null;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
                DynamicMessage nested = field.isRepeated() && message.getRepeatedFieldCount(field) > 0
                        ? (DynamicMessage) message.getRepeatedField(field, 0)
                        : field.isRepeated()
                                ? DynamicMessage.getDefaultInstance(field.getMessageType())
                                : (DynamicMessage) message.getField(field);
                DynamicMessage grown = fillString(nested, size, depth + 1);
                if (grown != null) {
                    DynamicMessage.Builder builder = message.toBuilder();
                    if (field.isRepeated() && message.getRepeatedFieldCount(field) > 0) {
                        builder.setRepeatedField(field, 0, grown);
                    } else if (field.isRepeated()) {
                        builder.addRepeatedField(field, grown);
                    } else {
                        builder.setField(field, grown);
                    }
                    return builder.build();
                }
            }
        }
        return null;
    }

    /** Byte sequences that do not parse as a message of {@code type}, each named. */
    List<NamedBytes> notProtobuf(Descriptor type, byte[] valid) {
        List<NamedBytes> cases = new ArrayList<>();
        cases.add(new NamedBytes("one random byte", bytes(1)));
        cases.add(new NamedBytes("64 random bytes", bytes(64)));
        cases.add(new NamedBytes("4096 random bytes", bytes(4096)));
        cases.add(new NamedBytes("a varint longer than ten bytes", new byte[] {
            0x08,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            0x01
        }));
        cases.add(new NamedBytes("a length beyond the end", new byte[] {0x0A, (byte) 0xE8, 0x07, 'a', 'b'}));
        cases.add(new NamedBytes("field number 0", new byte[] {0x00, 0x01}));
        cases.add(new NamedBytes("an end-group tag without a start", new byte[] {0x0C}));
        cases.add(new NamedBytes("JSON instead of protobuf", "{\"name\":\"checkpoints/zhaisan\"}".getBytes()));
        if (valid.length > 2) {
            cases.add(new NamedBytes("a valid request cut in half", java.util.Arrays.copyOf(valid, valid.length / 2)));
        }
        type.getFields().stream()
                .filter(f -> f.getType() == FieldDescriptor.Type.STRING)
                .findFirst()
                .ifPresent(f -> {
                    byte[] tag = varint((long) f.getNumber() << 3 | 2);
                    byte[] invalidUtf8 = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE};
                    byte[] message = new byte[tag.length + 1 + invalidUtf8.length];
                    System.arraycopy(tag, 0, message, 0, tag.length);
                    message[tag.length] = (byte) invalidUtf8.length;
                    System.arraycopy(invalidUtf8, 0, message, tag.length + 1, invalidUtf8.length);
                    cases.add(new NamedBytes("invalid UTF-8 in string field " + f.getName(), message));
                });
        return cases;
    }

    record NamedBytes(String name, byte[] bytes) {}

    private static byte[] varint(long value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5F);
                case 2 -> 0xA0 + random.nextInt(0x2000);
                default -> 0x10000 + random.nextInt(0x1000);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    String uniqueId(String prefix) {
        return prefix + "-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static boolean wellKnownTime(Descriptor type) {
        return type.getFullName().equals("google.protobuf.Timestamp")
                || type.getFullName().equals("google.protobuf.Duration");
    }
}
