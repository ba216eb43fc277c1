package io.borderflow.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development token issuer of the local run and the tests: an RSA key pair kept in a folder (created on first use)
 * and RS256-signed JWTs with the claims BorderFlow reads. Production uses a real identity provider instead; the
 * services refuse this issuer in the prod profile.
 */
public final class DevTokenIssuer {
    /** The {@code iss} of development tokens. */
    public static final String DEV_ISSUER = "https://borderflow.local/dev-issuer";

    public static final String PUBLIC_KEY_FILE = "public-key.pem";
    private static final String PRIVATE_KEY_FILE = "private-key.pem";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokenIssuer(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use. */
    public static synchronized DevTokenIssuer inFolder(Path dir) {
        Path privatePem = dir.resolve(PRIVATE_KEY_FILE);
        Path publicPem = dir.resolve(PUBLIC_KEY_FILE);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                return new DevTokenIssuer(
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBytes(privatePem))),
                        rsa.generatePublic(new X509EncodedKeySpec(pemBytes(publicPem))));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DevTokenIssuer(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development signing key in " + dir, e);
        }
    }

    /** A token issuer with a fresh key that is kept nowhere: what an attacker's forged token looks like. */
    public static DevTokenIssuer ephemeral() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevTokenIssuer(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a token for {@code subject}: dev issuer, audience {@value Roles#AUDIENCE}, valid for an hour from now. */
    public Token token(String subject) {
        return new Token(subject);
    }

    /** A token being built; {@link #sign()} produces the compact JWT. */
    public final class Token {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String keyId;

        private Token(String subject) {
            Instant now = Instant.now();
            claims.put("iss", DEV_ISSUER);
            claims.put("aud", Roles.AUDIENCE);
            claims.put("sub", subject);
            claims.put("upn", subject);
            claims.put("iat", now.getEpochSecond());
            claims.put("nbf", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("groups", List.of());
        }

        public Token roles(String... roles) {
            claims.put("groups", List.of(roles));
            return this;
        }

        /** The checkpoint ids a border operator may write to. */
        public Token checkpoints(List<String> checkpointIds) {
            claims.put(Roles.CHECKPOINTS_CLAIM, List.copyOf(checkpointIds));
            return this;
        }

        public Token carrier(String carrierId) {
            claims.put(Roles.CARRIER_CLAIM, carrierId);
            return this;
        }

        /** The partner customs administration (ISO 3166-1 alpha-2) a partner-customs token speaks for. */
        public Token administration(String countryCode) {
            claims.put(Roles.ADMINISTRATION_CLAIM, countryCode);
            return this;
        }

        /**
         * The {@code kid} header: which of an issuer's published keys (its JWKS) signed the token, as identity
         * providers send it. Development tokens have none, the services then knowing one key only.
         */
        public Token keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Token issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public Token audience(String audience) {
            claims.put("aud", audience);
            return this;
        }

        /** Validity window: not before {@code from}, expiring at {@code until}. */
        public Token valid(Instant from, Instant until) {
            claims.put("nbf", from.getEpochSecond());
            claims.put("iat", from.getEpochSecond());
            claims.put("exp", until.getEpochSecond());
            return this;
        }

        public String sign() {
            try {
                String header = base64(JSON.writeValueAsBytes(
                        keyId == null
                                ? Map.of("alg", "RS256", "typ", "JWT")
                                : Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
                String payload = base64(JSON.writeValueAsBytes(claims));
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                rs256.initSign(privateKey);
                rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
                return header + "." + payload + "." + base64(rs256.sign());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a development token", e);
            }
        }
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBytes(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}
