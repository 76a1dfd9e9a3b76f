set local role zenglow_owner;

create or replace function zenglow.create_partition(
    p_parent regclass,
    p_name text,
    p_key text,
    p_from timestamptz,
    p_to timestamptz
)
returns bigint
language plpgsql
as $$
-- Creates the range partition [p_from, p_to) of p_parent and moves into it the rows that had
-- landed in the parent's default partition for that range (PostgreSQL refuses to create a
-- partition while its default partition holds rows of that range). Returns the rows moved.
-- Runs inside the caller's SECURITY DEFINER function, as the owner, in maintenance mode. Moved
-- rows are the same rows: the move is marked zenglow.epoch_handled, so that it advances no
-- tenant's corpus epoch (see zenglow.advance_corpus_epoch).
declare
    v_handled text := coalesce(current_setting('zenglow.epoch_handled', true), '');
    v_schema text := (select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = p_parent);
    v_default regclass := (
        select i.inhrelid::regclass
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = p_parent and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT');
    v_columns text := (
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum)
        from pg_attribute a
        where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped and a.attgenerated = '');
    v_moved bigint := 0;
begin
    if v_default is not null then
        execute format('lock table %s in access exclusive mode', v_default);
        execute format(
            'create temporary table zg_moving on commit drop as select %s from only %s where %I >= $1 and %I < $2',
            v_columns, v_default, p_key, p_key)
            using p_from, p_to;
        execute format('delete from only %s where %I >= $1 and %I < $2', v_default, p_key, p_key) using p_from, p_to;
        get diagnostics v_moved = row_count;
    end if;
    execute format('create table %I.%I partition of %s for values from (%L) to (%L)', v_schema, p_name, p_parent, p_from, p_to);
    if v_moved > 0 then
        -- overriding system value keeps identity-generated ids (a no-op for sequence defaults).
        perform set_config('zenglow.epoch_handled', 'on', true);
        execute format('insert into %s (%s) overriding system value select %s from zg_moving', p_parent, v_columns, v_columns);
        perform set_config('zenglow.epoch_handled', v_handled, true);
    end if;
    if v_default is not null then
        drop table zg_moving;
    end if;
    return v_moved;
end
$$;
