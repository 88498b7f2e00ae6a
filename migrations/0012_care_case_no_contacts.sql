-- Care cases no longer carry the elder's emergency contacts (ADR 0800): whoever may read a
-- case is not thereby allowed to read family phone numbers. Remove copies written before.
UPDATE "cases" SET "attributes" = "attributes" #- '{care,emergencyContacts}' WHERE "attributes" -> 'care' ? 'emergencyContacts';
