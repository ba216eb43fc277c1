package io.borderflow.support.paging;

import io.borderflow.support.error.InvalidArgumentException;
import java.util.regex.Pattern;

/** Parses resource names of the form {@code collection/{id}} with lower-case kebab ids, e.g. {@code checkpoints/zhaisan}. */
public final class ResourceNames {
    /**
     * A resource id: lower-case letters, digits and hyphens, 1 to 63 characters, starting and ending with a letter or
     * digit (a DNS label, as AIP-122 recommends). The one definition: patterns of longer names are built from it, e.g.
     * {@code Pattern.compile("checkpoints/(" + ID_REGEX + ")/status")}.
     */
    public static final String ID_REGEX = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    private static final Pattern ID = Pattern.compile(ID_REGEX);

    private ResourceNames() {}

    /**
     * The id in {@code name}.
     *
     * @param field the request field the name came from, reported in the violation
     * @throws InvalidArgumentException reason {@code INVALID_NAME} when the name is not {@code collection/{id}}
     */
    public static String parseId(String collection, String name, String field) {
        String prefix = collection + "/";
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("INVALID_NAME", field, field + " is required, e.g. " + prefix + "{id}");
        }
        if (!name.startsWith(prefix)
                || !ID.matcher(name.substring(prefix.length())).matches()) {
            throw new InvalidArgumentException(
                    "INVALID_NAME",
                    field,
                    field + " must look like " + prefix + "{id} with an id of lower-case letters, digits and hyphens");
        }
        return name.substring(prefix.length());
    }
}
