package io.borderflow.inspection.grpc;

import io.borderflow.support.error.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * The names of a declaration's resources, as requests carry them: {@code declarations/{declaration_id}/decision}. A
 * name that does not match is INVALID_ARGUMENT, reason {@code INVALID_NAME}, on the field it came from.
 */
final class DeclarationNames {
    private static final Pattern DECISION = Pattern.compile("declarations/([0-9a-f-]{36})/decision");

    private DeclarationNames() {}

    /** The declaration id of a decision name, {@code declarations/{declaration_id}/decision}, from field {@code field}. */
    static String decision(String name, String field) {
        var matcher = DECISION.matcher(name);
        if (!matcher.matches()) {
            throw new InvalidArgumentException(
                    "INVALID_NAME", field, field + " must look like declarations/{declaration_id}/decision");
        }
        return matcher.group(1);
    }
}
