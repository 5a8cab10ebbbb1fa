-- grain: one row per distinct input file ever submitted (sha256), whatever became of it.
with manifest as (
    select * from {{ source('warehouse', 'file_manifest') }}
),

final as (
    select
        sha256 as source_sha256,
        -- the name without its folders: what an official recognises
        regexp_extract(original_path, '[^/\\]+$') as file_name,
        kind as file_kind,
        status as file_status,
        rows_loaded,
        error
    from manifest
)

select * from final
