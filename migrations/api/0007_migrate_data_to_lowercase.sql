-- Lowercase enum-valued fields inside synced JSON and the stored e-mail addresses.
UPDATE sync_data
SET data = json_set(data, '$.type', lower(json_extract(data, '$.type')))
WHERE entity_type IN ('logbook_entry', 'goal') AND json_type(data, '$.type') = 'text'
  AND json_extract(data, '$.type') <> lower(json_extract(data, '$.type'));

UPDATE sync_data
SET data = json_set(data, '$.instrument', lower(json_extract(data, '$.instrument')))
WHERE entity_type = 'logbook_entry' AND json_type(data, '$.instrument') = 'text'
  AND json_extract(data, '$.instrument') <> lower(json_extract(data, '$.instrument'));

UPDATE sync_data
SET data = json_set(data, '$.mood', lower(json_extract(data, '$.mood')))
WHERE entity_type = 'logbook_entry' AND json_type(data, '$.mood') = 'text'
  AND json_extract(data, '$.mood') <> lower(json_extract(data, '$.mood'));

UPDATE sync_data
SET data = json_set(data, '$.status', lower(json_extract(data, '$.status')))
WHERE entity_type = 'goal' AND json_type(data, '$.status') = 'text'
  AND json_extract(data, '$.status') <> lower(json_extract(data, '$.status'));

UPDATE users SET email = lower(email) WHERE email <> lower(email);
