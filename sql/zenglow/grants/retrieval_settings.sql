set local role zenglow_owner;

-- The API reads its tenant's retrieval settings (and _global's) and adds versions of its own.
grant select, insert on zenglow.retrieval_settings to zenglow_app;
grant usage on sequence zenglow.retrieval_settings_version_seq to zenglow_app;
grant select on zenglow.retrieval_settings to zenglow_analyst;

grant execute on function
    zenglow.retrieval_settings_defaults(),
    zenglow.validate_retrieval_settings(jsonb, text),
    zenglow.retrieval_settings_in_effect(),
    zenglow_api.current_retrieval_settings(),
    zenglow_api.set_retrieval_settings(jsonb, text, text, text, bigint)
to zenglow_app;
