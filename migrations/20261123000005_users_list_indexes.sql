-- The user list is sorted by name and searched by name or e-mail fragments (40 000 accounts nationally).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_nom_prenom ON users (nom, prenom);
CREATE INDEX users_search ON users USING gin ((email::text || ' ' || nom || ' ' || prenom) gin_trgm_ops);
CREATE INDEX user_dispositifs_dispositif ON user_dispositifs (dispositif_id);
