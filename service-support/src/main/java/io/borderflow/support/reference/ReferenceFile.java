package io.borderflow.support.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a versioned reference data file (JSON, snake_case keys) from the class path into records, strictly: an
 * unknown key or a null where a number is expected fails the read, so a typo in the data cannot load silently
 * (required values are then checked by each dataset's own check). The SHA-256 of the bytes tells a loader whether the data changed since it was last loaded.
 */
public final class ReferenceFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    /**
     * The same mapper leaving nulls out, made once: a mapper copied per call starts with empty serializer caches, and
     * building them again for every crossing event showed in the event intake's profile under load.
     */
    private static final ObjectMapper WRITER =
            MAPPER.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private ReferenceFile() {}

    /** The parsed content of a reference file and the digest of its bytes. */
    public record Loaded<T>(T content, String sha256, String resource) {}

    public static <T> Loaded<T> read(String resource, Class<T> type) {
        byte[] bytes;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference data file not on the class path: " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return parse(resource, bytes, type);
    }

    public static <T> Loaded<T> parse(String resource, byte[] bytes, Class<T> type) {
        try {
            return new Loaded<>(MAPPER.readValue(bytes, type), sha256(bytes), resource);
        } catch (IOException e) {
            throw new IllegalStateException("reference data file " + resource + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a value in the same JSON form as the files (snake_case keys, nulls left out), so that content stored in
     * a database reads back with {@link #parse} exactly as a file would.
     */
    public static String json(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The SHA-256 of a text's UTF-8 bytes, in lower-case hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
