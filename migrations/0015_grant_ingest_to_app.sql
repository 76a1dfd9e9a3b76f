-- The API accepts ingest batches (POST /ingest/batches, keys with the ingest scope). It loads
-- them as zenglow_ingest (SET LOCAL ROLE inside the loading transaction), so the app role stays
-- read-mostly everywhere else. Role membership is granted by the migrating role, as in 0001.
do $membership$
begin
    if not pg_has_role('zenglow_app', 'zenglow_ingest', 'member') then
        grant zenglow_ingest to zenglow_app;
    end if;
end
$membership$;
