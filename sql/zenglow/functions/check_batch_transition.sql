set local role zenglow_owner;

create or replace function zenglow.check_batch_transition()
returns trigger
language plpgsql
as $$
-- Batches move only along open -> loading -> done | failed | healed, and failed -> loading (a
-- retry); anything else is refused, whoever writes. Stamps the time of each step; a retry starts
-- without the reasons (and the spool worker's alert) of the attempt that failed.
begin
    if new.state is distinct from old.state then
        if not (old.state, new.state) in (
            ('open', 'loading'), ('open', 'failed'),
            ('loading', 'done'), ('loading', 'failed'), ('loading', 'healed'),
            ('failed', 'loading')) then
            raise exception using
                errcode = 'ZG003',
                message = format('batch %s cannot go from %s to %s', old.batch_tag, old.state, new.state),
                detail = format('batch_id %s of tenant %s', old.batch_id, old.tenant_id),
                hint = 'allowed: open -> loading -> done | failed | healed, open -> failed, failed -> loading';
        end if;
        if new.state = 'loading' then
            new.loading_at := now();
            new.finished_at := null;
            new.reason := null;
            new.alert_reason := null;
        elsif new.state in ('done', 'failed', 'healed') then
            new.finished_at := now();
        end if;
    end if;
    if new.tenant_id <> old.tenant_id or new.batch_id <> old.batch_id or new.content_hash <> old.content_hash then
        raise exception using errcode = 'ZG003', message = 'a batch''s tenant, id and content hash never change';
    end if;
    new.updated_at := now();
    return new;
end
$$;
