use super::*;

const EXAMPLE: &str = include_str!("../../example-config.toml");

fn path() -> &'static Path {
    Path::new("/home/anna/.config/balie/config.toml")
}

/// Returns (line, column, message) so tests can match on all three.
fn parse_err(text: &str) -> (usize, usize, String) {
    match parse(text, path()) {
        Err(ConfigError::Parse {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected a parse error for {text:?}, got {other:?}"),
    }
}

/// The field names serde knows for `Config`, so a new field cannot be
/// forgotten in example-config.toml without this list noticing.
fn config_field_names() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only structs"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields captured"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = Config::deserialize(Fields(&mut fields));
    fields
}

#[test]
fn empty_file_gives_defaults() {
    let config = parse("", path()).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(config.due_soon_minutes, 30);
    assert_eq!(config.ticket_prefix, "T");
    assert_eq!(config.categories, DEFAULT_CATEGORIES);
    assert_eq!(config.priority_matrix, DEFAULT_PRIORITY_MATRIX);
    assert!(!config.agent.is_empty());
}

#[test]
fn comments_only_gives_defaults() {
    let config = parse("# nothing set\n\n# yet\n", path()).unwrap();
    assert_eq!(config, Config::default());
}

#[test]
fn example_config_parses_with_its_documented_values() {
    let config = parse(EXAMPLE, path()).unwrap();
    assert_eq!(config.agent, "Anna de Vries");
    assert_eq!(
        config.time_zone,
        crate::domain::time_zone::zone("Europe/Amsterdam")
    );
    assert_eq!(config.due_soon_minutes, 45);
    assert_eq!(config.ticket_prefix, "SD");
    assert!(config.categories.contains(&"Telephony".to_owned()));
    assert_eq!(config.priority(2, 2), 1);
    assert_eq!(config.first_contact_reopen_days, 14);
    assert_eq!(config.repeat_contact_days, 14);
    assert_eq!(config.callback_within, "+1h");
    assert_eq!(config.notifications, Notifications::Osc777);
    assert_eq!(config.theme, super::ThemeName::Dark);
    assert_eq!(config.holidays.len(), 3);
    assert_eq!(
        config.working_hours.0[4].len(),
        2,
        "Friday has a lunch break"
    );
    assert!(config.working_hours.0[5].is_empty());
    assert_eq!(config.sla.for_priority(1).first_response.to_string(), "30m");
    assert!(config.mouse && config.clipboard);
    assert_eq!(
        config.outage,
        OutageRule {
            callers: 4,
            minutes: 20
        }
    );
    let groups: Vec<_> = config
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.tier))
        .collect();
    assert_eq!(
        groups,
        [("Network", 2), ("Workplace", 2), ("Applications", 3)]
    );
    assert!(
        config
            .knowledge_folder
            .is_some_and(|f| f.ends_with("servicedesk/knowledge"))
    );
    let keymap = crate::keymap::Keymap::with_remaps(&config.keys);
    assert_eq!(keymap.keys_for(crate::keymap::Command::Promise), "p/Ctrl-p");
    assert_eq!(keymap.keys_for(crate::keymap::Command::Note), "N");
    assert_eq!(
        keymap.picker.keys_for(crate::keymap::PickerCommand::Next),
        "↓/Tab/Ctrl-n"
    );
    assert_eq!(
        keymap.picker.keys_for(crate::keymap::PickerCommand::Close),
        "Esc"
    );
    assert_eq!(
        keymap.form.keys_for(crate::keymap::FormCommand::Cancel),
        "Esc/Ctrl-g"
    );
    assert_eq!(
        keymap.list.keys_for(crate::keymap::ListCommand::Next),
        "j/↓/Ctrl-n"
    );
    assert_eq!(
        keymap.script.keys_for(crate::keymap::ScriptCommand::Back),
        "⌫/Ctrl-b"
    );
}

#[test]
fn example_config_sets_every_key() {
    let fields = config_field_names();
    assert!(
        fields.contains(&"agent"),
        "field list not captured: {fields:?}"
    );
    let table: toml::Table = toml::from_str(EXAMPLE).unwrap();
    let mut in_example: Vec<&str> = table.keys().map(String::as_str).collect();
    let mut in_config = fields.to_vec();
    in_example.sort_unstable();
    in_config.sort_unstable();
    assert_eq!(in_example, in_config);
}

#[test]
fn working_hours_and_sla_errors_point_at_the_value() {
    let (line, column, message) =
        parse_err("[working_hours]\nmon = \"08:30-17:00\"\ntue = \"9 till 5\"\n");
    assert_eq!((line, column), (3, 7), "{message}");
    assert!(message.contains("08:30-17:00"), "{message}");
    let (line, _, message) = parse_err("[sla]\np2 = \"4h / soon\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("soon"), "{message}");
    let (line, _, message) = parse_err("holidays = [\"2026-12-25\", \"Christmas\"]\n");
    assert_eq!(line, 1);
    assert!(message.contains("Christmas"), "{message}");
    let closed = "[working_hours]\nmon = \"closed\"\ntue = \"\"\nwed = \"closed\"\nthu = \"closed\"\nfri = \"closed\"\n";
    let (_, _, message) = parse_err(closed);
    assert!(message.contains("working_hours"), "{message}");
}

/// A day whose hours cannot be used is pointed at on its own line, not at the table's
/// header (which is 1:1 when the table opens the file).
#[test]
fn a_wrong_day_of_working_hours_points_at_that_day() {
    for (text, at, said) in [
        (
            "[working_hours]\nmon = \"08:30-17:00\"\nwed = \"09:00-12:00, 11:00-17:00\"\n",
            (3, 7),
            "working_hours: Wed hours overlap: 11:00 starts before",
        ),
        (
            "[working_hours]\nfri = \"17:00-08:30\"\n",
            (2, 7),
            "working_hours: Fri 17:00–08:30 holds no time",
        ),
        (
            "[working_hours]\nsun = \"13:00-17:00, 09:00-12:00\"\n",
            (2, 7),
            "working_hours: Sun hours are out of order",
        ),
    ] {
        let (line, column, message) = parse_err(text);
        assert_eq!((line, column), at, "{message}");
        assert!(message.starts_with(said), "{message}");
    }
}

#[test]
fn unknown_key_reports_its_position() {
    let text = "# my settings\ntime_zone = \"UTC\"\nagnet = \"x\"\n";
    let (line, column, message) = parse_err(text);
    assert_eq!((line, column), (3, 1));
    assert!(message.starts_with("unknown field `agnet`"), "{message}");
    let err = parse(text, path()).unwrap_err().to_string();
    assert!(
        err.starts_with("/home/anna/.config/balie/config.toml:3:1: unknown field `agnet`"),
        "{err}"
    );
}

#[test]
fn unknown_time_zone_points_at_the_value() {
    let (line, column, message) = parse_err("agent = \"Anna\"\ntime_zone = \"Europe/Amsterdm\"\n");
    assert_eq!((line, column), (2, 13));
    assert!(
        message.contains("unknown time zone `Europe/Amsterdm`"),
        "{message}"
    );
}

#[test]
fn time_zone_is_parsed() {
    let config = parse("time_zone = \"America/Curacao\"", path()).unwrap();
    assert_eq!(
        config.time_zone,
        crate::domain::time_zone::zone("America/Curacao")
    );
}

#[test]
fn matrix_value_out_of_range_points_at_the_cell() {
    let text = "priority_matrix = [\n  [1, 1, 2, 2, 3],\n  [1, 2, 2, 3, 3],\n  [2, 2, 7, 3, 4],\n  [2, 3, 3, 4, 5],\n  [3, 3, 4, 5, 5],\n]\n";
    let (line, column, message) = parse_err(text);
    assert_eq!((line, column), (4, 10));
    assert!(message.contains("impact 3, urgency 3"), "{message}");
    assert!(
        message.contains("from 1 (highest) to 5 (lowest), got 7"),
        "{message}"
    );
}

#[test]
fn matrix_zero_and_negative_are_rejected() {
    let row = "[1, 1, 1, 1, 1]";
    for bad in ["0", "-1", "300"] {
        let text = format!("priority_matrix = [[{bad}, 1, 1, 1, 1], {row}, {row}, {row}, {row}]");
        let (line, column, message) = parse_err(&text);
        assert_eq!((line, column), (1, 21), "{message}");
        assert!(message.ends_with(&format!("got {bad}")), "{message}");
    }
}

#[test]
fn matrix_wrong_shape_is_rejected() {
    let row = "[1, 1, 1, 1, 1]";
    let short_row = format!("priority_matrix = [{row}, {row}, [1, 1, 1, 1], {row}, {row}]");
    let (_, column, message) = parse_err(&short_row);
    assert_eq!(column, 54);
    assert!(
        message.contains("row for impact 3 must have 5 priorities"),
        "{message}"
    );

    let long_row = format!("priority_matrix = [{row}, {row}, {row}, {row}, [1, 1, 1, 1, 1, 1]]");
    assert!(parse_err(&long_row).2.contains("found more"));

    let four_rows = format!("priority_matrix = [{row}, {row}, {row}, {row}]");
    let (_, column, message) = parse_err(&four_rows);
    assert_eq!(column, 19);
    assert!(message.contains("must have 5 rows"), "{message}");

    let six_rows = format!("priority_matrix = [{row}, {row}, {row}, {row}, {row}, {row}]");
    assert!(parse_err(&six_rows).2.contains("must have 5 rows"));
}

#[test]
fn matrix_type_error_names_what_is_expected() {
    let row = "[1, 1, 1, 1, 1]";
    let text = format!("priority_matrix = [{row}, [1, \"high\", 1, 1, 1], {row}, {row}, {row}]");
    let (line, column, message) = parse_err(&text);
    assert_eq!((line, column), (1, 41));
    assert!(
        message.contains("expected a priority from 1 to 5"),
        "{message}"
    );
}

#[test]
fn type_error_points_at_the_value() {
    let (line, column, message) = parse_err("\n\ndue_soon_minutes = \"thirty\"\n");
    assert_eq!((line, column), (3, 20));
    assert!(
        message.contains("invalid type: string \"thirty\""),
        "{message}"
    );
    assert!(
        message.contains("expected a whole number of minutes"),
        "{message}"
    );

    let (line, column, _) = parse_err("agent = 42");
    assert_eq!((line, column), (1, 9));
}

#[test]
fn due_soon_range_is_checked() {
    for bad in ["0", "1441", "-5", "99999999999"] {
        let (line, column, message) = parse_err(&format!("due_soon_minutes = {bad}"));
        assert_eq!((line, column), (1, 20));
        assert!(message.contains("from 1 to 1440 minutes"), "{message}");
    }
    for good in [1, 1440] {
        let config = parse(&format!("due_soon_minutes = {good}"), path()).unwrap();
        assert_eq!(config.due_soon_minutes, good);
    }
}

#[test]
fn ticket_prefix_is_checked() {
    for bad in ["", "T1", "S-D", "ABCDEFGHI", "É"] {
        let (_, column, message) = parse_err(&format!("ticket_prefix = \"{bad}\""));
        assert_eq!(column, 17);
        assert!(message.contains("1 to 8 ASCII letters"), "{message}");
    }
    let config = parse("ticket_prefix = \"ABCDEFGH\"", path()).unwrap();
    assert_eq!(config.ticket_prefix, "ABCDEFGH");
}

#[test]
fn categories_are_checked() {
    let (_, column, message) = parse_err("categories = []");
    assert_eq!(column, 14);
    assert!(message.contains("at least one"), "{message}");

    let (_, column, message) = parse_err("categories = [\"Network\", \"  \"]");
    assert_eq!(column, 26);
    assert!(message.contains("must not be empty"), "{message}");

    let (line, column, message) =
        parse_err("categories = [\n  \"E-mail\",\n  \"Network\",\n  \"e-mail\",\n]");
    assert_eq!((line, column), (4, 3));
    assert!(message.contains("listed twice"), "{message}");

    let config = parse("categories = [\" Network \", \"Other\"]", path()).unwrap();
    assert_eq!(config.categories, ["Network", "Other"]);
}

#[test]
fn blank_agent_is_rejected() {
    let (_, _, message) = parse_err("agent = \"   \"");
    assert!(message.contains("agent must not be empty"), "{message}");
}

#[test]
fn syntax_error_has_a_position() {
    let (line, _, _) = parse_err("agent = \"Anna\"\nticket_prefix = \n");
    assert_eq!(line, 2);
    let (line, _, _) = parse_err("agent = \"Anna\"\nagent = \"Bob\"\n");
    assert_eq!(line, 2);
}

#[test]
fn columns_count_characters_not_bytes() {
    assert_eq!(line_column("é = 1", 3), (1, 3));
    assert_eq!(line_column("a\r\nbc", 4), (2, 2));
    assert_eq!(line_column("ab", 99), (1, 3));
}

#[test]
fn missing_file_depends_on_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("config.toml");
    assert_eq!(load(&missing, false).unwrap(), Config::default());
    match load(&missing, true) {
        Err(err @ ConfigError::Missing { .. }) => {
            assert!(err.to_string().contains(&missing.display().to_string()));
        }
        other => panic!("expected Missing, got {other:?}"),
    }
}

#[test]
fn load_reads_the_file_and_names_it_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "ticket_prefix = \"INC\"\n").unwrap();
    assert_eq!(load(&file, true).unwrap().ticket_prefix, "INC");

    std::fs::write(&file, "ticket_prefix = 5\n").unwrap();
    let err = load(&file, true).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}:1:17: ", file.display())),
        "{err}"
    );

    // A directory exists but cannot be read as a file.
    assert!(matches!(
        load(dir.path(), false),
        Err(ConfigError::Read { .. })
    ));
}

/// Saved by an editor set to Latin-1: the error points at the first bad byte, counting
/// columns in characters as an editor does, and says what to do.
#[test]
fn a_file_that_is_not_utf8_names_line_and_column_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let mut bytes = b"agent = \"Zo\xc3\xab\"\n# caf".to_vec();
    bytes.extend([0xe9, b' ', 0xff, b'\n']);
    std::fs::write(&file, &bytes).unwrap();
    let err = load(&file, true).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:2:6: byte 0xe9 is not UTF-8; save the file as UTF-8",
            file.display()
        )
    );
}

#[test]
fn priority_uses_the_matrix_and_clamps() {
    let mut config = Config::default();
    assert_eq!(config.priority(1, 1), 1);
    assert_eq!(config.priority(3, 5), 4);
    assert_eq!(config.priority(5, 5), 5);
    config.priority_matrix[1][3] = 5;
    assert_eq!(config.priority(2, 4), 5);
    assert_eq!(config.priority(0, 0), config.priority(1, 1));
    assert_eq!(config.priority(9, 200), config.priority(5, 5));
}

#[test]
fn default_agent_falls_back_in_order() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        default_agent(env(&[("USER", "anna"), ("LOGNAME", "x")])),
        "anna"
    );
    assert_eq!(
        default_agent(env(&[("USER", ""), ("LOGNAME", "bob")])),
        "bob"
    );
    assert_eq!(default_agent(env(&[("LOGNAME", "bob")])), "bob");
    assert_eq!(default_agent(env(&[])), "agent");
}

#[test]
fn themes_are_named_and_a_wrong_name_points_at_the_value() {
    for (text, theme) in [
        ("theme = \"light\"\n", super::ThemeName::Light),
        (
            "theme = \"high-contrast\"\n",
            super::ThemeName::HighContrast,
        ),
    ] {
        assert_eq!(parse(text, path()).expect("parses").theme, theme);
    }
    let (line, column, message) = parse_err("agent = \"Anna\"\ntheme = \"solarized\"\n");
    assert_eq!((line, column), (2, 9));
    assert!(message.contains("\"high-contrast\""), "{message}");
}

#[test]
fn a_bad_group_names_its_own_line() {
    let text = "[[groups]]\nname = \"Network\"\ntier = 2\n\n[[groups]]\nname = \"network\"\n";
    let (line, _, message) = parse_err(text);
    assert_eq!(line, 6, "{message}");
    assert!(message.contains("listed twice"), "{message}");

    let (line, _, message) = parse_err("[[groups]]\nname = \"Desk\"\ntier = 1\n");
    assert_eq!(line, 3, "{message}");
    assert!(message.contains("from 2 to 9"), "{message}");

    let (line, _, message) = parse_err("[outage]\ncallers = 1\n");
    assert_eq!(line, 2, "{message}");
    assert!(message.contains("outage.callers"), "{message}");
}

/// A name in other capitals is the same zone, shown as the database writes it.
#[test]
fn a_time_zone_in_other_capitals_is_the_databases_zone() {
    let config = parse("time_zone = \"europe/BUDAPEST\"", path()).unwrap();
    assert_eq!(config.time_zone.name(), "Europe/Budapest");
}
