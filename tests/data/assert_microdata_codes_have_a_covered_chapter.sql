-- Vintage selection joins each microdata cell to the vintage of its HS chapter (the first two characters
-- of the code, '00'–'97'); a code outside those chapters would silently fall out of every total.
select
    load_id,
    flow,
    hs9_code
from {{ ref('stg_raw__customs_microdata') }}
where not regexp_full_match(left(hs9_code, 2), '[0-8][0-9]|9[0-7]')
