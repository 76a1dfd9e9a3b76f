set local role zenglow_owner;

create or replace function zenglow.bounded_number(
    p_value jsonb,
    p_name text,
    p_min numeric,
    p_max numeric,
    p_integer boolean default false,
    p_errcode text default 'ZG009',
    p_hint text default null
)
returns numeric
language plpgsql
immutable
parallel safe
as $$
-- A JSON number from a request, checked before any cast can fail: it must be a number (an
-- integer when p_integer) between p_min and p_max, else p_errcode is raised with a message that
-- names p_name and the allowed range (never PostgreSQL's own 22P02/22003). JSON null and a
-- missing value give null, for the caller's default. A magnitude below 1e-307 counts as 0, as
-- IEEE parsers round it, so the result always converts to double precision without underflow.
declare
    v_number numeric;
    v_shown text;
    v_message text;
begin
    if p_value is null or jsonb_typeof(p_value) = 'null' then
        return null;
    end if;
    if jsonb_typeof(p_value) = 'number' then
        v_number := p_value::numeric;
        if v_number between p_min and p_max and (not p_integer or v_number = trunc(v_number)) then
            return case when abs(v_number) < 1e-307 then 0 else v_number end;
        end if;
        -- jsonb keeps 1e400 as 401 digits: show long numbers in scientific notation.
        v_shown := case when length(v_number::text) > 24 then btrim(to_char(v_number, '9.999999EEEE')) else v_number::text end;
    else
        v_shown := case when length(p_value::text) > 40 then left(p_value::text, 40) || '…' else p_value::text end;
    end if;
    v_message := format('%s must be %s between %s and %s, not %s', p_name,
        case when p_integer then 'an integer' else 'a number' end, p_min, p_max, v_shown);
    -- RAISE refuses a null option, so the hint is given only when there is one.
    if p_hint is null then
        raise exception using errcode = p_errcode, message = v_message;
    end if;
    raise exception using errcode = p_errcode, message = v_message, hint = p_hint;
end
$$;

comment on function zenglow.bounded_number(jsonb, text, numeric, numeric, boolean, text, text) is
    'A JSON number checked against [min, max] (and integrality), or the given SQLSTATE naming the value and its range; null for JSON null.';
