set local role zenglow_owner;

create or replace function zenglow.validate_fusion_weights(p_weights jsonb)
returns jsonb
language plpgsql
immutable
as $$
-- Fusion weights are {"ltr": w, "vector": w}: both present, finite numbers from 0 to 1000 with a
-- positive sum. Returns them normalised to double precision numbers; raises ZG002 naming what is
-- wrong. JSON numbers are read as numeric first, which never fails, so no value can surface as a
-- cast error (22003); a magnitude below 1e-307 counts as 0, as IEEE parsers round it.
declare
    v_key text;
    v_value jsonb;
    v_number numeric;
    v_normalised jsonb := '{}';
    v_sum double precision := 0;
    v_maximum constant numeric := 1000;
    v_example constant text := 'e.g. {"ltr": 0.6, "vector": 0.4}';
begin
    if p_weights is null or jsonb_typeof(p_weights) <> 'object' then
        raise exception using errcode = 'ZG002', message = 'fusion weights must be a JSON object',
            hint = v_example;
    end if;
    for v_key in select k from jsonb_object_keys(p_weights) k loop
        if v_key not in ('ltr', 'vector') then
            raise exception using errcode = 'ZG002', message = format('unknown fusion weight %L', v_key),
                hint = 'the weights are "ltr" and "vector", ' || v_example;
        end if;
    end loop;
    foreach v_key in array array['ltr', 'vector'] loop
        v_value := p_weights -> v_key;
        if v_value is null then
            raise exception using errcode = 'ZG002', message = format('fusion weight %L is missing', v_key),
                hint = v_example;
        end if;
        if jsonb_typeof(v_value) <> 'number' then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L must be a number, not %s', v_key, left(v_value::text, 40)), hint = v_example;
        end if;
        v_number := v_value::numeric;
        if abs(v_number) > 1.7976931348623157e308 then
            raise exception using errcode = 'ZG002', message = format('fusion weight %L is not finite', v_key),
                detail = 'it is beyond the range of double precision', hint = v_example;
        end if;
        if v_number < 0 then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L is negative (%s)', v_key, v_value::text), hint = v_example;
        end if;
        if v_number > v_maximum then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L is above the maximum of %s (%s)', v_key, v_maximum, left(v_value::text, 40)),
                detail = 'only the ratio of the weights matters; scale them down', hint = v_example;
        end if;
        if v_number < 1e-307 then
            v_number := 0;
        end if;
        v_normalised := v_normalised || jsonb_build_object(v_key, v_number::double precision);
        v_sum := v_sum + v_number::double precision;
    end loop;
    if v_sum <= 0 then
        raise exception using errcode = 'ZG002', message = 'fusion weights sum to 0; at least one must be positive',
            hint = v_example;
    end if;
    return v_normalised;
end
$$;
