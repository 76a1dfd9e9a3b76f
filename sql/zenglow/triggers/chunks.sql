set local role zenglow_owner;

drop trigger if exists chunks_fill_text_stats on zenglow.chunks;
create trigger chunks_fill_text_stats
    before insert or update of body on zenglow.chunks
    for each row execute function zenglow.fill_chunk_text_stats();
