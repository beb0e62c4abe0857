-- Schema version 8: how many characters an import repaired, as part of a list snapshot's provenance.
--
-- The US Consolidated Screening List is imported as published; control characters left by an upstream
-- Windows-1252 conversion (U+0092 where the list meant ’ …) are read by their meaning and counted. The
-- count says that the stored entries differ from the file's bytes in that many characters. Snapshots
-- stored before this version were read without repairs (such a file was refused), hence 0.
ALTER TABLE list_snapshots ADD COLUMN repairs INTEGER NOT NULL DEFAULT 0 CHECK (repairs >= 0);
