set local role zenglow_owner;

create or replace function zenglow_audit.refuse_change()
returns trigger
language plpgsql
as $$
-- The audit log is append-only: UPDATE, DELETE and TRUNCATE fail for every role (the owner
-- must disable this trigger first, which only the owner can, and which verify_chain exposes).
begin
    raise exception using
        errcode = 'ZG005',
        message = format('the audit log is append-only: %s on %s is not allowed', tg_op, tg_table_name),
        hint = 'append a new row with zenglow_audit.append';
end
$$;
