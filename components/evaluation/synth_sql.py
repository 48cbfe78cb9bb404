"""The SQL that turns the synthetic draws into stored rows: the drawn codes (events, articles, templates,
places, outlets as registered DataFrames) are joined into a staging table that builds the evidence
strings, dates and offsets; then one INSERT ... SELECT each fills events, articles and mentions.
"""

STAGE_SQL = """
CREATE OR REPLACE TEMP TABLE syn_stage AS
SELECT ? || ev.i AS event_id, ? + CAST(ev.day AS INTEGER) AS day0, ev.precision, ev.article,
       ? || 'a' || ev.article AS article_id, t.event_type, t.template, t.trigger, t.actor1, t.actor2,
       pl.geonameid, pl.name AS place_name, pl.latitude, pl.longitude, pl.country_code, pl.admin1_code,
       pl.feature_code, pl.geo_precision, pl.alt_geonameid, pl.alt_name, pl.alt_country_code, pl.score1,
       pl.score2, cn.country, ev.i, ? AS prefix
FROM syn_ev ev
JOIN syn_tpl t USING (type_idx, tpl_idx)
JOIN syn_pl pl USING (place_row)
JOIN syn_cn cn ON cn.cc = pl.country_code;
CREATE OR REPLACE TEMP TABLE syn_stage AS
SELECT *,
       CASE precision WHEN 1 THEN day0 WHEN 2 THEN CAST(date_trunc('week', day0) AS DATE)
            ELSE CAST(date_trunc('month', day0) AS DATE) END AS event_date,
       replace(template, '{place}', place_name) AS tpl_place
FROM syn_stage;
CREATE OR REPLACE TEMP TABLE syn_stage AS
SELECT *,
       replace(tpl_place, '{when}', CASE precision WHEN 1 THEN 'on ' || dayname(event_date)
               WHEN 2 THEN 'during the week' ELSE 'earlier this month' END) AS evidence,
       strpos(template, '{place}') - 1 AS place_off
FROM syn_stage;
CREATE OR REPLACE TEMP TABLE syn_stage AS
SELECT *,
       CAST(sum(length(evidence) + 1) OVER (PARTITION BY article ORDER BY i) - length(evidence) - 1
            AS INTEGER) AS start_char
FROM syn_stage;
"""

EVENTS_SQL = """
INSERT OR IGNORE INTO events (event_id, article_id, event_type, event_date, time_precision, date_start,
    date_end, date_text, actor1, actor2, country, country_code, admin1, location, place_name, latitude,
    longitude, geo_precision, geonameid, feature_code, trigger, evidence, start_char, end_char,
    pipeline_version)
SELECT event_id, article_id, event_type, event_date, precision, event_date,
       CASE precision WHEN 1 THEN event_date WHEN 2 THEN CAST(event_date + INTERVAL 6 DAY AS DATE)
            ELSE CAST(last_day(event_date) AS DATE) END,
       CASE precision WHEN 1 THEN 'on ' || dayname(event_date) WHEN 2 THEN 'during the week'
            ELSE 'earlier this month' END,
       actor1, actor2, country, country_code, admin1_code, place_name, place_name, latitude, longitude,
       geo_precision, geonameid, feature_code, trigger, evidence, start_char,
       start_char + length(evidence), ?
FROM syn_stage
"""

ARTICLES_SQL = """
INSERT OR IGNORE INTO articles (article_id, title, text, published, source, url, path, fmt, n_events,
    ingested_at)
SELECT s.article_id,
       arg_min(s.event_type, s.i) || ' reported in ' || arg_min(s.place_name, s.i) || ' (synthetic)',
       string_agg(s.evidence, ' ' ORDER BY s.i),
       CAST(? + CAST(any_value(a.published) AS INTEGER) AS DATE), any_value(o.outlet_name), '',
       'synth://' || any_value(s.prefix), 'synth', count(*), now()
FROM syn_stage s JOIN syn_art a USING (article) JOIN syn_outl o ON o.outlet = a.outlet
GROUP BY s.article_id
"""

MENTIONS_SQL = """
INSERT INTO mentions (article_id, start_char, end_char, text, label, kind, sent_index, geonameid,
    place_name, latitude, longitude, country_code, admin1, feature_code, score, candidates)
SELECT article_id, start_char + place_off, start_char + place_off + length(place_name), place_name, 'GPE',
       'place', CAST(row_number() OVER (PARTITION BY article ORDER BY i) - 1 AS INTEGER), geonameid,
       place_name, latitude, longitude, country_code, admin1_code, feature_code, score1,
       to_json(list_filter([{'geonameid': geonameid, 'name': place_name, 'country_code': country_code,
                             'score': score1, 'reason': 'synthetic: drawn from the gazetteer'},
                            {'geonameid': CAST(alt_geonameid AS BIGINT), 'name': alt_name,
                             'country_code': alt_country_code, 'score': score2,
                             'reason': 'synthetic: same name elsewhere'}], lambda c: c.geonameid IS NOT NULL))
FROM syn_stage
WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = syn_stage.article_id)
"""
