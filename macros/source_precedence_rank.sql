{#- Rank of a source on the same publication date (1 wins): an official series (the authority for what it
    publishes), then the release XML (MOF's release itself, printed to the million yen), then world-level
    microdata (統計品別表), then by-country microdata (品別国別表), then anything else (e.g. 'mixed' sums).
    The one definition of source precedence (docs/decisions/vintages.md); the latest publication wins first. -#}
{% macro source_precedence_rank(source) -%}
    {{ return(adapter.dispatch('source_precedence_rank', 'japan_trade')(source)) }}
{%- endmacro %}

{% macro default__source_precedence_rank(source) -%}
    case {{ source }}
        when 'official_series' then 1
        when 'release_xml' then 2
        when 'customs_world' then 3
        when 'customs_by_country' then 4
        else 5
    end
{%- endmacro %}
