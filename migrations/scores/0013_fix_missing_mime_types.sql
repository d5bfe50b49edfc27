-- Pages stored before mime_type was filled: derive it from the object key's extension.
UPDATE score_pages SET mime_type = 'image/png' WHERE mime_type IS NULL AND lower(r2_key) LIKE '%.png';
UPDATE score_pages SET mime_type = 'image/jpeg'
WHERE mime_type IS NULL AND (lower(r2_key) LIKE '%.jpg' OR lower(r2_key) LIKE '%.jpeg');
