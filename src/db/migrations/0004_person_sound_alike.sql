-- Sound-alike search: "Jon Smyth" finds John Smith through the double metaphone of each name, from an index.
create extension if not exists fuzzystrmatch;
create index person_sound_alike on person (service_id, dmetaphone(family_name), dmetaphone(given_name));
