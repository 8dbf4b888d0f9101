package dev.custody.server.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A test identity provider: signs JWTs the shared test server trusts, so a test can act as a user of a force of its
 * own and keep its data apart from every other test's in the shared database. Pass {@link #user} as the user to
 * {@link Api}.
 */
public final class Identities {

    private static final KeyPair KEYS;
    private static final Path PUBLIC_KEY;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KEYS = generator.generateKeyPair();
            PUBLIC_KEY = Files.createTempFile("custody-it-idp", ".pub");
            Files.writeString(PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            PUBLIC_KEY.toFile().deleteOnExit();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Identities() {
    }

    public static String publicKeyLocation() {
        return "file:" + PUBLIC_KEY;
    }

    /** A user for {@link Api}: a signed bearer token with these claims. {@code force} and {@code lab} may be null. */
    public static String user(String subject, String role, String force, String lab) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("https://idp.it.example.police.uk")
                    .claim("roles", List.of(role))
                    // Real time, not the test clock: Spring Security checks expiry against the system clock.
                    .expirationTime(Date.from(Instant.ofEpochSecond(4_102_444_800L)));
            if (force != null) {
                claims.claim("force", force);
            }
            if (lab != null) {
                claims.claim("lab", lab);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
            return Api.BEARER + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
