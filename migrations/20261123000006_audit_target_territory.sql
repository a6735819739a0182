-- From now on a journal line is filed under the territory of its target (the account, the dispositif,
-- the ménage acted upon), no longer under the actor's: the territorial filters of the journal screen
-- then show an Administrateur départemental what happened to his département's objects.
COMMENT ON COLUMN audit_log.departement_codes IS
    'Territory (département codes) of the object acted upon; for an event on one''s own account, the account''s territory.';
