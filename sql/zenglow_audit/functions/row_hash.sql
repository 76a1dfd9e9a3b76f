set local role zenglow_owner;

create or replace function zenglow_audit.row_hash(
    p_prev_hash bytea,
    p_tenant_id text,
    p_seq bigint,
    p_occurred_at timestamptz,
    p_actor text,
    p_action text,
    p_subject text,
    p_details jsonb
)
returns bytea
language sql
immutable
parallel safe
as $$
    -- SHA-256 over the previous link and every field of the row, fields separated by the ASCII
    -- unit separator; jsonb's text form is canonical (sorted keys), time is epoch microseconds.
    select sha256(p_prev_hash || convert_to(concat_ws(chr(31),
        p_tenant_id, p_seq::text, (extract(epoch from p_occurred_at) * 1000000)::bigint::text,
        p_actor, p_action, p_subject, p_details::text), 'UTF8'))
$$;
