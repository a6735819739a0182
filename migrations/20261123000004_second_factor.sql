-- Optional second factor (TOTP, RFC 6238) and its single-use recovery codes (stored hashed).
ALTER TABLE users
    ADD COLUMN totp_secret     text,
    ADD COLUMN totp_enabled_at timestamptz,
    -- Last accepted time step: a code is accepted once only.
    ADD COLUMN totp_last_step  bigint;

CREATE TABLE recovery_codes (
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
