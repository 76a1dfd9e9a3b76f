-- Roles, schemas and extensions: the ground every other file stands on.
--
-- Runs as the connecting user (a superuser or a role with CREATEROLE on a fresh cluster). Roles
-- are cluster-wide, so a second database on the same cluster finds them already there, and a
-- managed service whose DBA created them beforehand needs no CREATEROLE at all.
--
-- Extensions are created only when the server offers them. The database setting
-- `zenglow.disable_capabilities` (e.g. 'vector,timescaledb') pretends they are absent, so the
-- plain-PostgreSQL fallbacks can be exercised on a server that has everything.

do $roles$
declare
    v_role record;
begin
    for v_role in
        select * from (values
            ('zenglow_owner', 'ZenGlow: owns every object and runs migrations'),
            ('zenglow_app', 'ZenGlow: the API; owns nothing, subject to row-level security'),
            ('zenglow_ingest', 'ZenGlow: loads ingest batches'),
            ('zenglow_analyst', 'ZenGlow: reads zenglow_stats only')) r (name, purpose)
    loop
        if not exists (select from pg_roles where rolname = v_role.name) then
            -- LOGIN without a password: usable over local trust (the dev stack), unusable over
            -- password authentication until an operator sets one.
            begin
                execute format('create role %I login nosuperuser nocreatedb nocreaterole nobypassrls', v_role.name);
                execute format('comment on role %I is %L', v_role.name, v_role.purpose);
            exception when duplicate_object or unique_violation then
                -- Another database of this cluster is being migrated at the same moment, and
                -- created it first (roles are cluster-wide; the migrator's lock is per database).
                null;
            end;
        end if;
    end loop;
end
$roles$;

-- The migrating session switches to zenglow_owner in every later file (set local role), so it
-- must be a member; a superuser already is.
do $membership$
begin
    if not pg_has_role(current_user, 'zenglow_owner', 'member') then
        execute format('grant zenglow_owner to %I', current_user);
    end if;
end
$membership$;

create schema if not exists zenglow authorization zenglow_owner;
create schema if not exists zenglow_api authorization zenglow_owner;
create schema if not exists zenglow_stats authorization zenglow_owner;
create schema if not exists zenglow_audit authorization zenglow_owner;

comment on schema zenglow is 'ZenGlow tables and internals';
comment on schema zenglow_api is 'ZenGlow: the functions the API role may execute, one per kind of request';
comment on schema zenglow_stats is 'ZenGlow: analyst views over query_performance and friends';
comment on schema zenglow_audit is 'ZenGlow: the append-only audit log';

revoke all on schema zenglow, zenglow_api, zenglow_stats, zenglow_audit from public;

-- Functions are executable by PUBLIC by default; every ZenGlow function is granted explicitly.
alter default privileges for role zenglow_owner revoke execute on functions from public;

-- Later files run as zenglow_owner, and the migrator writes their history row in the same
-- transaction, so the owner needs to write history.
grant usage on schema zenglow_migrations to zenglow_owner;
grant select, insert, update on zenglow_migrations.history to zenglow_owner;
grant usage on all sequences in schema zenglow_migrations to zenglow_owner;

do $extensions$
declare
    v_disabled text[] := string_to_array(
        replace(coalesce(current_setting('zenglow.disable_capabilities', true), ''), ' ', ''), ',');
begin
    if not ('vector' = any (v_disabled))
        and exists (select from pg_available_extensions where name = 'vector') then
        create extension if not exists vector;
    end if;
    -- TimescaleDB only works when preloaded; creating it otherwise fails.
    if not ('timescaledb' = any (v_disabled))
        and exists (select from pg_available_extensions where name = 'timescaledb')
        and current_setting('shared_preload_libraries') ~ '(^|[ ,])timescaledb($|[ ,])' then
        create extension if not exists timescaledb;
    end if;
end
$extensions$;
