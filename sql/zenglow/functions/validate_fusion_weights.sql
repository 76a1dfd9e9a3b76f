set local role zenglow_owner;

create or replace function zenglow.validate_fusion_weights(p_weights jsonb)
returns jsonb
language plpgsql
immutable
as $$
-- Fusion weights are {"ltr": w, "vector": w}: both present, finite, non-negative numbers with a
-- positive sum. Returns them normalised to numbers; raises ZG002 naming what is wrong.
declare
    v_key text;
    v_value jsonb;
    v_number double precision;
    v_sum double precision := 0;
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
                message = format('fusion weight %L must be a number, not %s', v_key, v_value::text), hint = v_example;
        end if;
        begin
            v_number := (v_value #>> '{}')::double precision;
        exception when numeric_value_out_of_range then
            v_number := 'Infinity';
        end;
        if v_number = 'Infinity'::double precision or v_number = '-Infinity'::double precision then
            raise exception using errcode = 'ZG002', message = format('fusion weight %L is not finite', v_key),
                hint = v_example;
        end if;
        if v_number < 0 then
            raise exception using errcode = 'ZG002',
                message = format('fusion weight %L is negative (%s)', v_key, v_value::text), hint = v_example;
        end if;
        v_sum := v_sum + v_number;
    end loop;
    if v_sum <= 0 then
        raise exception using errcode = 'ZG002', message = 'fusion weights sum to 0; at least one must be positive',
            hint = v_example;
    end if;
    return jsonb_build_object('ltr', (p_weights ->> 'ltr')::double precision, 'vector', (p_weights ->> 'vector')::double precision);
end
$$;
