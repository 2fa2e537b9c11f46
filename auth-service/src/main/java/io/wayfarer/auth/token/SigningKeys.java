package io.wayfarer.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.wayfarer.auth.AuthProperties;
import io.wayfarer.platform.identity.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA key pairs that sign access tokens: generated at first start, stored with the
 * private half encrypted, rotated on schedule. The newest key signs; every key that may still
 * have live tokens is published in the JWKS. All instances share the table, so a key made by one
 * is used and published by all (each reloads every minute, and at once on an unknown kid).
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long GENERATION_LOCK = 0x5741_5946_4b45_5953L; // "WAYFKEYS"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryption encryption;
    private final AuthProperties properties;
    private final Clock clock;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, KeyEncryption encryption,
            AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.encryption = encryption;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs now. */
    public RSAKey current() {
        Loaded keys = loaded.get();
        if (keys == null || keys.signer() == null || !keys.signer().signsUntil().isAfter(clock.instant())) {
            keys = rotateIfDue();
        }
        return keys.signer().key();
    }

    /** The public keys that verify: the JWKS document. */
    public JWKSet publicKeys() {
        Loaded keys = loaded.get();
        return keys != null ? keys.publicKeys() : rotateIfDue().publicKeys();
    }

    /** Reloads from the database, e.g. when a token names a kid this instance has not seen. */
    public JWKSet reload() {
        return rotateIfDue().publicKeys();
    }

    @Scheduled(fixedDelayString = "${wayfarer.auth.key-check-interval:60s}", initialDelayString = "${wayfarer.auth.key-check-interval:60s}")
    void scheduledCheck() {
        rotateIfDue();
    }

    /**
     * Makes sure a usable signing key is valid now (generating one under a lock if not) and loads
     * all keys. A stored key whose private half cannot be decrypted (the key-encryption key was
     * replaced) is never used to sign, but its public half keeps verifying until it retires.
     */
    synchronized Loaded rotateIfDue() {
        Instant now = clock.instant();
        Loaded fresh = transactions.execute(status -> {
            Loaded current = load(now);
            if (current.signer() == null) {
                jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(GENERATION_LOCK).query().singleRow();
                current = load(now);
                if (current.signer() == null) {
                    generate(now);
                    current = load(now);
                }
            }
            return current;
        });
        loaded.set(fresh);
        return fresh;
    }

    private void generate(Instant now) {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            Instant signsUntil = now.plus(properties.keyRotation());
            Instant verifiesUntil = signsUntil.plus(properties.accessTokenTtl())
                    .plusSeconds(AccessTokens.CLOCK_SKEW_SECONDS);
            jdbc.sql("""
                    INSERT INTO signing_key (kid, public_jwk, private_key_enc, created_at, signs_until, verifies_until)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(key.getKeyID(), key.toPublicJWK().toJSONString(),
                            encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8)),
                            Timestamp.from(now), Timestamp.from(signsUntil), Timestamp.from(verifiesUntil))
                    .update();
            log.info("Generated signing key {} (signs until {})", key.getKeyID(), signsUntil);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private Loaded load(Instant now) {
        record Row(String kid, String publicJwk, byte[] privateKeyEnc, Timestamp signsUntil) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT kid, public_jwk, private_key_enc, signs_until FROM signing_key
                WHERE verifies_until > ? ORDER BY created_at DESC""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getTimestamp(4)))
                .list();
        try {
            List<JWK> publicKeys = new ArrayList<>();
            Signer signer = null;
            for (Row row : rows) {
                publicKeys.add(JWK.parse(row.publicJwk()));
                if (signer == null && row.signsUntil().toInstant().isAfter(now)) {
                    signer = decrypted(row.kid(), row.privateKeyEnc(), row.signsUntil().toInstant());
                }
            }
            return new Loaded(signer, new JWKSet(publicKeys));
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is unreadable", e);
        }
    }

    private Signer decrypted(String kid, byte[] privateKeyEnc, Instant signsUntil) throws ParseException {
        try {
            RSAKey key = RSAKey.parse(new String(encryption.decrypt(privateKeyEnc), StandardCharsets.UTF_8));
            return new Signer(key, signsUntil);
        } catch (IllegalStateException wrongKeyEncryptionKey) {
            log.warn("Signing key {} cannot be decrypted with this key-encryption key; it only verifies until it retires", kid);
            return null;
        }
    }

    record Signer(RSAKey key, Instant signsUntil) {
    }

    record Loaded(Signer signer, JWKSet publicKeys) {
    }
}
