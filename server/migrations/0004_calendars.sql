-- Business calendars: the working time SLA clocks count in (issue 5, capability C6).
CREATE TABLE calendars (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  time_zone    text NOT NULL,
  -- { "mon": [["09:00","12:00"],["13:00","18:00"]], …, "sun": [] }: local wall-clock blocks.
  week         jsonb NOT NULL,
  -- [{ "date": "2026-12-25", "name"?: "…", "blocks"?: [["09:00","13:00"]] }]: a date without
  -- blocks is closed; with blocks it works only those (half days, China's make-up working days).
  holidays     jsonb NOT NULL DEFAULT '[]',
  always_open  boolean NOT NULL DEFAULT false,
  region       text REFERENCES regions (code),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX calendars_name_key ON calendars (lower(name));
CREATE INDEX calendars_region_idx ON calendars (region);

-- Default calendars. Office hours Mon–Fri 09:00–12:00 and 13:00–18:00 local time in all three
-- regions (one lunch hour everywhere, CN included; admins change it per calendar).
--
-- ADMINS: VERIFY THE HOLIDAYS AGAINST THE OFFICIAL GAZETTE EVERY YEAR. They were written from
-- the published lists as best known when this migration was made, not copied from the gazette:
--   MY  — the federal / most-states list (Holidays Act 1951; JPM gazette). State holidays (e.g.
--         Federal Territory Day, Sultans' birthdays, Nuzul Al-Quran in some states) are not in
--         it. Islamic holidays depend on moon sighting and Deepavali/Thaipusam/Wesak on
--         religious calendars: those are marked "(expected)", as are Sunday → Monday
--         replacement days that follow from them.
--   SG  — the Ministry of Manpower list (Holidays Act 1998; a Sunday holiday is observed on the
--         Monday). 2027 dates were not published when this was written: "(expected)".
--   CN  — 2026 follows the State Council schedule including its bridge days and make-up
--         working days (entries with blocks on a weekend). 2027 lists only the statutory days:
--         the State Council announces the 2027 bridges and make-up days late in 2026 — add them.
INSERT INTO calendars (name, time_zone, week, holidays, always_open, region, created_at, updated_at) VALUES
  ('Malaysia office hours', 'Asia/Kuala_Lumpur', '{"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "tue": [["09:00", "12:00"], ["13:00", "18:00"]], "wed": [["09:00", "12:00"], ["13:00", "18:00"]], "thu": [["09:00", "12:00"], ["13:00", "18:00"]], "fri": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": [], "sun": []}', '[
    {"date": "2026-01-01", "name": "New Year''s Day (most states)"},
    {"date": "2026-02-01", "name": "Thaipusam (most states; expected)"},
    {"date": "2026-02-02", "name": "Thaipusam replacement (states observing it; expected)"},
    {"date": "2026-02-17", "name": "Chinese New Year"},
    {"date": "2026-02-18", "name": "Chinese New Year, second day"},
    {"date": "2026-03-21", "name": "Hari Raya Aidilfitri (expected)"},
    {"date": "2026-03-22", "name": "Hari Raya Aidilfitri, second day (expected)"},
    {"date": "2026-03-23", "name": "Hari Raya Aidilfitri replacement (expected)"},
    {"date": "2026-05-01", "name": "Labour Day"},
    {"date": "2026-05-27", "name": "Hari Raya Haji (expected)"},
    {"date": "2026-05-31", "name": "Wesak Day"},
    {"date": "2026-06-01", "name": "Agong''s Birthday"},
    {"date": "2026-06-02", "name": "Wesak Day replacement (expected)"},
    {"date": "2026-06-17", "name": "Awal Muharram (expected)"},
    {"date": "2026-08-25", "name": "Maulidur Rasul (expected)"},
    {"date": "2026-08-31", "name": "National Day"},
    {"date": "2026-09-16", "name": "Malaysia Day"},
    {"date": "2026-11-08", "name": "Deepavali (except Sarawak)"},
    {"date": "2026-11-09", "name": "Deepavali replacement (expected)"},
    {"date": "2026-12-25", "name": "Christmas Day"},
    {"date": "2027-01-01", "name": "New Year''s Day (most states)"},
    {"date": "2027-01-22", "name": "Thaipusam (most states; expected)"},
    {"date": "2027-02-06", "name": "Chinese New Year"},
    {"date": "2027-02-07", "name": "Chinese New Year, second day"},
    {"date": "2027-02-08", "name": "Chinese New Year replacement (expected)"},
    {"date": "2027-03-10", "name": "Hari Raya Aidilfitri (expected)"},
    {"date": "2027-03-11", "name": "Hari Raya Aidilfitri, second day (expected)"},
    {"date": "2027-05-01", "name": "Labour Day"},
    {"date": "2027-05-17", "name": "Hari Raya Haji (expected)"},
    {"date": "2027-05-20", "name": "Wesak Day (expected)"},
    {"date": "2027-06-06", "name": "Awal Muharram (expected)"},
    {"date": "2027-06-07", "name": "Agong''s Birthday"},
    {"date": "2027-06-08", "name": "Awal Muharram replacement (expected)"},
    {"date": "2027-08-16", "name": "Maulidur Rasul, or its replacement for a Sunday 15 August (expected)"},
    {"date": "2027-08-31", "name": "National Day"},
    {"date": "2027-09-16", "name": "Malaysia Day"},
    {"date": "2027-10-28", "name": "Deepavali (except Sarawak; expected)"},
    {"date": "2027-12-25", "name": "Christmas Day"}
  ]', false, 'MY', now(), now()),
  ('Singapore office hours', 'Asia/Singapore', '{"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "tue": [["09:00", "12:00"], ["13:00", "18:00"]], "wed": [["09:00", "12:00"], ["13:00", "18:00"]], "thu": [["09:00", "12:00"], ["13:00", "18:00"]], "fri": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": [], "sun": []}', '[
    {"date": "2026-01-01", "name": "New Year''s Day"},
    {"date": "2026-02-17", "name": "Chinese New Year"},
    {"date": "2026-02-18", "name": "Chinese New Year, second day"},
    {"date": "2026-03-21", "name": "Hari Raya Puasa (expected)"},
    {"date": "2026-04-03", "name": "Good Friday"},
    {"date": "2026-05-01", "name": "Labour Day"},
    {"date": "2026-05-27", "name": "Hari Raya Haji (expected)"},
    {"date": "2026-05-31", "name": "Vesak Day"},
    {"date": "2026-06-01", "name": "Vesak Day observed"},
    {"date": "2026-08-09", "name": "National Day"},
    {"date": "2026-08-10", "name": "National Day observed"},
    {"date": "2026-11-08", "name": "Deepavali"},
    {"date": "2026-11-09", "name": "Deepavali observed"},
    {"date": "2026-12-25", "name": "Christmas Day"},
    {"date": "2027-01-01", "name": "New Year''s Day"},
    {"date": "2027-02-06", "name": "Chinese New Year"},
    {"date": "2027-02-07", "name": "Chinese New Year, second day"},
    {"date": "2027-02-08", "name": "Chinese New Year observed"},
    {"date": "2027-03-10", "name": "Hari Raya Puasa (expected)"},
    {"date": "2027-03-26", "name": "Good Friday"},
    {"date": "2027-05-01", "name": "Labour Day"},
    {"date": "2027-05-17", "name": "Hari Raya Haji (expected)"},
    {"date": "2027-05-20", "name": "Vesak Day (expected)"},
    {"date": "2027-08-09", "name": "National Day"},
    {"date": "2027-10-28", "name": "Deepavali (expected)"},
    {"date": "2027-12-25", "name": "Christmas Day"}
  ]', false, 'SG', now(), now()),
  ('China office hours', 'Asia/Shanghai', '{"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "tue": [["09:00", "12:00"], ["13:00", "18:00"]], "wed": [["09:00", "12:00"], ["13:00", "18:00"]], "thu": [["09:00", "12:00"], ["13:00", "18:00"]], "fri": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": [], "sun": []}', '[
    {"date": "2026-01-01", "name": "New Year''s Day"},
    {"date": "2026-01-02", "name": "New Year holiday (bridge)"},
    {"date": "2026-01-03", "name": "New Year holiday"},
    {"date": "2026-01-04", "name": "Make-up working day (Sunday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2026-02-14", "name": "Make-up working day (Saturday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2026-02-15", "name": "Spring Festival holiday"},
    {"date": "2026-02-16", "name": "Spring Festival holiday"},
    {"date": "2026-02-17", "name": "Spring Festival holiday"},
    {"date": "2026-02-18", "name": "Spring Festival holiday"},
    {"date": "2026-02-19", "name": "Spring Festival holiday"},
    {"date": "2026-02-20", "name": "Spring Festival holiday"},
    {"date": "2026-02-21", "name": "Spring Festival holiday"},
    {"date": "2026-02-22", "name": "Spring Festival holiday"},
    {"date": "2026-02-23", "name": "Spring Festival holiday"},
    {"date": "2026-02-28", "name": "Make-up working day (Saturday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2026-04-04", "name": "Qingming holiday"},
    {"date": "2026-04-05", "name": "Qingming Festival"},
    {"date": "2026-04-06", "name": "Qingming holiday"},
    {"date": "2026-05-01", "name": "Labour Day holiday"},
    {"date": "2026-05-02", "name": "Labour Day holiday"},
    {"date": "2026-05-03", "name": "Labour Day holiday"},
    {"date": "2026-05-04", "name": "Labour Day holiday"},
    {"date": "2026-05-05", "name": "Labour Day holiday"},
    {"date": "2026-05-09", "name": "Make-up working day (Saturday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2026-06-19", "name": "Dragon Boat Festival"},
    {"date": "2026-06-20", "name": "Dragon Boat holiday"},
    {"date": "2026-06-21", "name": "Dragon Boat holiday"},
    {"date": "2026-09-20", "name": "Make-up working day (Sunday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2026-09-25", "name": "Mid-Autumn Festival"},
    {"date": "2026-09-26", "name": "Mid-Autumn holiday"},
    {"date": "2026-09-27", "name": "Mid-Autumn holiday"},
    {"date": "2026-10-01", "name": "National Day holiday"},
    {"date": "2026-10-02", "name": "National Day holiday"},
    {"date": "2026-10-03", "name": "National Day holiday"},
    {"date": "2026-10-04", "name": "National Day holiday"},
    {"date": "2026-10-05", "name": "National Day holiday"},
    {"date": "2026-10-06", "name": "National Day holiday"},
    {"date": "2026-10-07", "name": "National Day holiday"},
    {"date": "2026-10-10", "name": "Make-up working day (Saturday)", "blocks": [["09:00", "12:00"], ["13:00", "18:00"]]},
    {"date": "2027-01-01", "name": "New Year''s Day"},
    {"date": "2027-02-05", "name": "Spring Festival Eve"},
    {"date": "2027-02-06", "name": "Spring Festival"},
    {"date": "2027-02-07", "name": "Spring Festival"},
    {"date": "2027-02-08", "name": "Spring Festival"},
    {"date": "2027-04-05", "name": "Qingming Festival"},
    {"date": "2027-05-01", "name": "Labour Day"},
    {"date": "2027-05-02", "name": "Labour Day"},
    {"date": "2027-06-09", "name": "Dragon Boat Festival"},
    {"date": "2027-09-15", "name": "Mid-Autumn Festival"},
    {"date": "2027-10-01", "name": "National Day"},
    {"date": "2027-10-02", "name": "National Day"},
    {"date": "2027-10-03", "name": "National Day"}
  ]', false, 'CN', now(), now()),
  ('24×7', 'UTC', '{"mon":[],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]}', '[]', true, NULL, now(), now());
