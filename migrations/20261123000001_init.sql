-- Initial schema marker. Domain tables arrive with their issues (accounts and rights next).
CREATE EXTENSION IF NOT EXISTS pgcrypto;
