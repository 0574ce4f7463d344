-- Kartleser schema, version 12, on PostgreSQL: sealed documents are added
-- only through kl_seal_document (), which runs as its owner (the role
-- that ran the migrations), so that no group role needs INSERT on
-- sealed_document and nobody can put a forged copy there with plain SQL.
-- The server computes the hash itself and refuses a copy whose hash the
-- caller gave wrong. Who may call it is granted by `init`
-- (src/core/kl-server.c): the office.

CREATE FUNCTION kl_seal_document (programme bigint, doc_kind text, doc_format text, doc_lang text,
                                  doc_content bytea, doc_sha256 text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  new_id bigint;
BEGIN
  IF doc_sha256 IS DISTINCT FROM encode (sha256 (doc_content), 'hex') THEN
    RAISE EXCEPTION 'the hash does not match the sealed document' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO sealed_document (programme_id, kind, format, lang, content, sha256)
  VALUES (programme, doc_kind, doc_format, doc_lang, doc_content, doc_sha256)
  RETURNING id INTO new_id;
  RETURN new_id;
END $$;

REVOKE ALL ON FUNCTION kl_seal_document (bigint, text, text, text, bytea, text) FROM PUBLIC;

DO $$
BEGIN
  EXECUTE format ('ALTER FUNCTION kl_seal_document (bigint, text, text, text, bytea, text) '
                  'SECURITY DEFINER SET search_path = %I, pg_catalog, pg_temp', current_schema ());
END $$;
