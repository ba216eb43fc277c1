package io.borderflow.support.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A public key's fingerprint: the SHA-256 of its X.509 SubjectPublicKeyInfo encoding, in hex, the same whatever file,
 * folder, issuer name or key id it comes under. How the development key is recognised ({@link DevIssuerGuard}) and how
 * a change of the issuer's keys is told from a file merely rewritten ({@link VerificationKeys}).
 */
public final class KeyFingerprints {
    private static final Pattern PEM_PUBLIC_KEY =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private KeyFingerprints() {}

    public static String of(PublicKey key) {
        return sha256(key.getEncoded());
    }

    /**
     * The fingerprints of the public keys in a key document as {@code mp.jwt.verify.publickey.location} names one: PEM
     * {@code PUBLIC KEY} blocks, or a JWKS (JSON); empty when it holds neither.
     */
    public static List<String> ofKeys(String document) {
        List<String> fingerprints = new ArrayList<>();
        Matcher pem = PEM_PUBLIC_KEY.matcher(document);
        while (pem.find()) {
            fingerprints.add(sha256(Base64.getMimeDecoder().decode(pem.group(1).strip())));
        }
        if (fingerprints.isEmpty() && document.strip().startsWith("{")) {
            try {
                for (JsonWebKey key : new JsonWebKeySet(document).getJsonWebKeys()) {
                    if (key instanceof PublicJsonWebKey publicKey && publicKey.getPublicKey() != null) {
                        fingerprints.add(of(publicKey.getPublicKey()));
                    }
                }
            } catch (JoseException notAKeySet) {
                return List.of();
            }
        }
        return fingerprints;
    }

    /** The RSA public key of a PEM {@code PUBLIC KEY} document. */
    static PublicKey rsaKey(String pem) throws GeneralSecurityException {
        Matcher m = PEM_PUBLIC_KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PUBLIC KEY block");
        }
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getMimeDecoder().decode(m.group(1).strip())));
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
