"""Nederlandse meldingen. Sleutels en plaatshouders gelijk aan ``en.py`` (een test controleert)."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # -- command line --
    "cli.error": "fout",
    "cli.hint": "tip",
    # -- record kinds, statuses and fixed choices --
    "kind.question": "vraag",
    "kind.project": "project",
    "kind.finding": "bevinding",
    "status.question.submitted": "ingediend",
    "status.question.intake": "in intake",
    "status.question.refused": "afgewezen",
    "status.question.referred": "doorverwezen",
    "status.question.advised": "beantwoord met advies",
    "status.question.ready": "klaar voor een student",
    "status.question.matched": "gekoppeld",
    "status.question.in_progress": "in uitvoering",
    "status.question.delivered": "opgeleverd",
    "status.question.fed_back": "teruggekoppeld",
    "status.question.closed": "afgesloten",
    "status.question.parked": "geparkeerd",
    "status.project.planned": "gepland",
    "status.project.running": "lopend",
    "status.project.finished": "afgerond",
    "status.project.stopped": "gestopt",
    "status.finding.draft": "concept",
    "status.finding.reviewed": "gereviewd",
    "status.finding.published": "gepubliceerd",
    "choice.classification.public": "openbaar",
    "choice.classification.internal": "intern",
    "choice.classification.confidential": "vertrouwelijk",
    "choice.dpia.not_needed": "niet nodig",
    "choice.dpia.pending": "loopt",
    "choice.dpia.done": "gedaan",
    "choice.consent.written": "schriftelijk",
    "choice.consent.oral": "mondeling",
    "choice.consent.not_applicable": "niet van toepassing",
    "choice.follow_up.none": "nog geen reactie",
    "choice.follow_up.responded": "gereageerd",
    "choice.follow_up.adopted": "overgenomen",
    "choice.follow_up.rejected": "niet overgenomen",
    "choice.type.supports": "ondersteunt",
    "choice.type.contradicts": "spreekt tegen",
    "choice.type.replicates": "herhaalt",
    # -- knowledge base and config --
    "root.not_kb": "{path} is geen kennisbank (er staat geen veiligestad.yaml)",
    "root.not_kb_hint": "laat --kb of VEILIGESTAD_KB wijzen naar de map met veiligestad.yaml",
    "root.none_found": "geen kennisbank gevonden in {path} of een map daarboven",
    "root.none_found_hint": "start de opdracht in een kennisbank, gebruik --kb PAD, of maak er "
    "een met: veiligestad init MAP --city NAAM",
    "config.unreadable": "{path} is niet te lezen: {error}",
    "config.syntax": "{where}: veiligestad.yaml is geen geldige YAML: {error}",
    "config.syntax_hint": "verbeter de getoonde regel; spring in met spaties en zet waarden met "
    "een dubbele punt tussen aanhalingstekens",
    "config.not_mapping": "{path} moet een lijst instellingen zijn (city:, language:, "
    "vocabularies:)",
    "config.not_section": "{path}: '{key}' moet een groep sleutels zijn",
    "config.bad_value": "{path}: '{key}' kan niet {value!r} zijn",
    "config.one_of": "kies uit: {allowed}",
    "config.want_count": "gebruik een geheel getal van 0 of meer",
    "config.bad_entry": "{path}: '{key}' heeft labels nodig, zoals {{nl: …, en: …}}",
    "config.bad_entry_hint": "schrijf elke waarde als  sleutel: {nl: Nederlands label, en: "
    "Engels label}",
    # -- init --
    "init.no_city": "de naam van de stad is leeg",
    "init.no_city_hint": "geef hem mee met --city, bijvoorbeeld --city Utrecht",
    "init.exists": "in {path} staat al een kennisbank; er is niets veranderd",
    "init.exists_hint": "kies een andere map, of werk in de bestaande kennisbank",
    "init.not_dir": "{path} bestaat en is geen map",
    "init.clash": "{path} heeft al bestanden die init zou schrijven ({files}); er is niets "
    "veranderd",
    "init.done": "Kennisbank voor {city} gemaakt in {path} ({count} bestanden).",
    "init.git": "Daar is een git-repository gestart (branch main).",
    "init.next": "Verder: cd {path} && veiligestad validate",
    # -- validate --
    "validate.clean": "Geen problemen in {files} ({records}).",
    "validate.summary": "{errors} en {warnings} in {files}; {checked} gecontroleerd.",
    "validate.no_such_path": "{path} bestaat niet",
    "validate.not_records": "{path} is geen record: validate controleert de records in data/ en "
    "de opgeslagen zoekvragen in queries/",
    "validate.not_records_hint": "laat het pad weg om alles te controleren, of geef een bestand of "
    "map in data/ (veiligestad.yaml wordt bij elke opdracht gelezen en gecontroleerd)",
    "validate.outside": "{path} ligt buiten de kennisbank {root}",
    "count.files.one": "{count} bestand",
    "count.files.other": "{count} bestanden",
    "count.records.one": "{count} record",
    "count.records.other": "{count} records",
    "count.errors.one": "{count} fout",
    "count.errors.other": "{count} fouten",
    "count.warnings.one": "{count} waarschuwing",
    "count.warnings.other": "{count} waarschuwingen",
    "count.question.one": "{count} vraag",
    "count.question.other": "{count} vragen",
    "count.project.one": "{count} project",
    "count.project.other": "{count} projecten",
    "count.finding.one": "{count} bevinding",
    "count.finding.other": "{count} bevindingen",
    # -- vocab --
    "vocab.title": "Toegestane waarden in de kennisbank van {city}",
    "vocab.field": "veld",
    "vocab.value": "waarde",
    "vocab.label_nl": "Nederlands",
    "vocab.label_en": "Engels",
    "vocab.used_by": "gebruikt door",
    # -- rules: files and YAML --
    "file_access.link": "dit is een symbolische koppeling; die is niet gevolgd",
    "file_access.link_hint": "zet het record zelf hier als gewoon bestand; records wijzen nooit "
    "naar elders",
    "file_access.suffix": "recordbestanden eindigen op .yaml, niet op .yml; dit bestand is niet "
    "gelezen",
    "file_access.suffix_hint": "geef het een naam die eindigt op .yaml",
    "file_access.unreadable": "het bestand is niet te lezen: {error}",
    "file_size.too_large": "het bestand is {size} bytes, meer dan de grens van {limit}; het is "
    "niet gelezen",
    "file_size.hint": "een record is een pagina tekst; zet lange documenten elders en verwijs "
    "ernaar (deliverables[].url)",
    "encoding.bad": "het bestand is geen geldige UTF-8 (byte {byte} hier)",
    "encoding.hint": "sla het bestand in je editor op als UTF-8",
    "yaml_syntax.error": "geen geldige YAML: {error}",
    "yaml_syntax.hint": "controleer het inspringen (alleen spaties) en zet waarden met ': ' of "
    "een bijzonder beginteken tussen aanhalingstekens",
    "yaml_tag.unsafe": "de YAML-tag {tag} is niet toegestaan; de waarde is genegeerd",
    "yaml_tag.hint": "schrijf gewone waarden: tekst, getallen, datums, lijsten en groepen",
    "duplicate_key.found": "het veld '{key}' staat er twee keer; YAML houdt alleen de laatste",
    "duplicate_key.hint": "voeg de twee samen tot één veld",
    "yaml_anchor.anchor": "anker &{anchor}: ankers zijn niet toegestaan in records",
    "yaml_anchor.alias": "alias *{anchor}: aliassen zijn niet toegestaan in records",
    "yaml_anchor.hint": "schrijf de waarde voluit waar ze nodig is",
    "tab.found": "hier staat een tab-teken; YAML springt alleen met spaties in",
    "tab.hint": "spring in met spaties; stel je editor in op spaties in plaats van tabs",
    "record_shape.empty": "het bestand is leeg",
    "record_shape.empty_hint.question": "begin met een sjabloon: veiligestad intake question",
    "record_shape.empty_hint.project": "begin met een sjabloon: veiligestad new project",
    "record_shape.empty_hint.finding": "begin met een sjabloon: veiligestad new finding",
    "record_shape.holds.list": "een lijst (regels die met '- ' beginnen)",
    "record_shape.holds.text": "een losse tekst",
    "record_shape.holds.number": "een getal",
    "record_shape.holds.yes_no": "een ja/nee-waarde",
    "record_shape.holds.date": "een datum",
    "record_shape.holds.other": "een losse waarde",
    "record_shape.not_mapping": "het bestand bevat {type}, geen record van 'veld: waarde'-"
    "regels",
    "record_shape.hint": "een record begint met 'id: …' tegen de kantlijn, één veld per regel",
    "implicit_type.bool": "dit is gelezen als de ja/nee-waarde {value}, niet als tekst",
    "implicit_type.number": "dit is gelezen als het getal {value}, niet als tekst",
    "implicit_type.date": "dit is gelezen als de datum {value}, niet als tekst",
    "implicit_type.hint": "zet de waarde tussen aanhalingstekens, bijvoorbeeld \"no\"",
    "implicit_type.sexagesimal": (
        "{raw} zonder aanhalingstekens wordt als getal gelezen (1:30 wordt 90), niet als tekst"
    ),
    "implicit_type.long_number": (
        "een getal van {digits} cijfers is te "
        "lang om te lezen; de waarde is weggelaten"
    ),
    "implicit_type.long_number_hint": (
        "zet het tussen aanhalingstekens als het tekst is; "
        "geen veld van een record bevat zo'n lang getal"
    ),
    "implicit_type.quote_hint": "zet het tussen aanhalingstekens: \"{raw}\"",
    # -- rules: fields --
    "schema.required": "het verplichte veld '{field}' ontbreekt",
    "schema.required_hint": "voeg '{field}:' toe ({description})",
    "schema.want_text": "'{field}' moet tekst zijn",
    "schema.want_text_hint": "schrijf de waarde op dezelfde regel na de dubbele punt, of als "
    "blok met |",
    "schema.want_url": "'{field}' moet een webadres zijn, niet {value!r}",
    "schema.want_url_hint": "begin het met https://",
    "schema.pattern": "'{field}' heeft niet de juiste vorm: {value!r}",
    "schema.pattern_hint": "verwacht: {example}",
    "schema.want_date": "'{field}' moet een datum zijn, niet {value!r}",
    "schema.want_date_only": "'{field}' moet een datum zonder tijd zijn",
    "schema.impossible_date": "'{field}': {value} is geen bestaande datum",
    "schema.date_hint": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2026-11-27",
    "schema.want_int": "'{field}' moet een geheel getal zijn, niet {value!r}",
    "schema.want_int_hint": "schrijf het getal zonder aanhalingstekens of eenheid",
    "schema.out_of_range": "'{field}' is {value}, buiten {low}–{high}",
    "schema.want_bool": "'{field}' moet true of false zijn, niet {value!r}",
    "schema.want_bool_hint": "schrijf true (ja) of false (nee)",
    "schema.want_mapping": "'{field}' moet een groep velden zijn",
    "schema.want_mapping_hint": "zet de velden op de regels eronder, twee spaties ingesprongen",
    "schema.want_list": "'{field}' moet een lijst zijn",
    "schema.want_list_hint": "zet elk item op een eigen regel onder '{field}:', beginnend met '- '",
    "schema.too_few": "'{field}' heeft minstens {count} item(s) nodig",
    "schema.not_allowed": "'{field}' kan niet '{value}' zijn",
    "schema.did_you_mean": "Bedoel je '{guess}'?",
    "schema.allowed": "Toegestaan: {allowed}.",
    "schema.vocab_hint": "(veiligestad vocab toont alle waarden van '{vocabulary}' met labels.)",
    "unknown_field.found": "onbekend veld '{field}' in een {kind}",
    "unknown_field.known": "Bekende velden: {known}.",
    "file_name.mismatch": "het ID is {id} maar het bestand heet {stem}.yaml",
    "file_name.mismatch_hint": "hernoem het bestand naar {id}.yaml, of verbeter het id",
    "file_name.folder": "{id} is een {kind} maar staat in data/{folder}/",
    "file_name.folder_hint": "verplaats het naar {folder}",
    "id_format.bad": "'{id}' is geen geldig ID voor een {kind}",
    "id_format.hint": (
        "een ID ziet eruit als {example}: de letter, het jaar en een nummer van drie cijfers"
    ),
    "id_unique.duplicate": "het ID {id} wordt ook gebruikt door {others}",
    "id_unique.hint": "geef een van beide een nieuw ID (veiligestad new maakt er een)",
    # -- rules: links --
    "link_target.missing": "'{field}' verwijst naar {id}, maar er is geen {kind} met dat ID",
    "link_target.wrong_kind": "'{field}' verwijst naar {id}; dat is een {actual}, geen {kind}",
    "link_target.none_hint": "gebruik het ID van een bestaande {kind} (veiligestad query toont "
    "ze)",
    "finding_questions.outside": "vraag {id} hoort niet bij de vragen van project {project}",
    "finding_questions.hint": "koppel hem eerst: veiligestad link {project} {id}, of noem een "
    "andere vraag",
    "programme_institution.mismatch": "opleiding '{programme}' hoort niet bij instelling "
    "'{institution}'",
    # -- rules: lifecycle --
    "status_history.gap": (
        "stap {number} van status_history begint bij '{old}', maar de stap ervoor eindigde bij "
        "'{previous}'"
    ),
    "status_history.gap_hint": "de 'from' van elke stap is de 'to' van de stap ervoor",
    "status_history.not_allowed": "'{old}' → '{new}' is geen toegestane statuswijziging",
    "status_history.allowed": "vanuit '{old}' kan een record naar: {allowed}",
    "status_history.backwards": (
        "stap {number} van status_history heeft een eerdere datum dan de stap erboven"
    ),
    "status_history.backwards_hint": "zet de stappen op volgorde, oudste eerst, met de echte data",
    "status_history.last": "de laatste statuswijziging eindigt bij '{last}', maar {field} is "
    "'{current}'",
    "status_history.last_hint": "wijzig een status met veiligestad status; dat legt de wijziging "
    "vast",
    "unanswered_question.none": "de vraag is '{status}' maar geen bevinding beantwoordt haar",
    "unanswered_question.hint": "voeg de bevindingen van het project toe (veiligestad new "
    "finding) en noem deze vraag",
    "finished_project.none": "het project is afgerond maar heeft geen bevindingen",
    "finished_project.hint": "voeg de bevindingen toe, of leg in status_reason uit waarom er "
    "geen zijn",
    "date_order.before": "'{later}' ({later_date}) ligt vóór '{earlier}' ({earlier_date})",
    "date_order.hint": "controleer beide datums op een tikfout",
    "date_order.matched_before_received": "de vraag is gekoppeld voordat ze binnenkwam",
    "date_order.start_before_received": "het project begint voordat vraag {id} binnenkwam",
    "date_order.start_before_matched": "het project begon voordat vraag {id} eraan gekoppeld werd",
    "date_order.matched_hint": "prima als de vraag later is toegevoegd; controleer anders de "
    "datums",
    "date_order.reported_before_start": "de bevinding is gerapporteerd voordat project {project} "
    "begon",
    "embargo.before_begin": "het embargo eindigt op {date}, vóór het begin van het record "
    "({begin})",
    "embargo.far": "het embargo loopt tot {date}, meer dan tien jaar vanaf nu",
    "embargo.typo_hint": "controleer het jaartal",
    "embargo.not_public": "een embargo op iets dat niet openbaar is heeft geen effect",
    "embargo.not_public_hint": "zet classification: public, of haal embargo_until weg",
    "stale_question.waiting": "al {days} dagen klaar zonder project (grens {limit})",
    "stale_question.hint": "koppel de vraag vóór het volgende semester aan een project, of "
    "parkeer haar",
    "overdue_project.past_end": "loopt nog, maar de einddatum {end} is {days} dagen voorbij",
    "overdue_project.hint": "veiligestad status {id} finished, of verbeter 'end'",
    "status_history.first": (
        "de eerste statuswijziging moet het aanmaken zijn: geen 'from', en 'to: {initial}'"
    ),
    "status_history.first_hint": "begin de geschiedenis met  - {{date: …, to: {initial}}}",
    "config.programme_twice": (
        "{path}: opleiding '{key}' staat zowel onder '{first}' als onder '{second}'"
    ),
    "config.programme_twice_hint": (
        "geef de opleiding van elke instelling een eigen sleutel, bijv. {key}_2"
    ),
    "record_dates.published": "de bevinding is gepubliceerd maar heeft geen datum 'published'",
    "record_dates.published_hint": "voeg 'published: JJJJ-MM-DD' toe",
    "record_dates.follow_up": "de opvolging is '{state}' maar er is geen follow_up_date",
    "record_dates.follow_up_hint": (
        "voeg de datum toe waarop het antwoord van de partner bekend werd"
    ),
    "file_access.stray": (
        "records worden alleen gelezen uit data/questions/, data/projects/ en data/findings/ "
        "zelf; dit bestand is niet gelezen"
    ),
    "file_access.stray_hint": (
        "zet het in de map van zijn soort (geen submappen), met het ID als naam"
    ),
    "id_format.hint_finding": (
        "een bevinding-ID is F-, het jaar, een streepje en 4 willekeurige tekens uit 0-9 en A-Z "
        "zonder I, L, O en U (bijv. F-2026-7KQ3); kies ze willekeurig, zodat twee studenten "
        "nooit hetzelfde kiezen"
    ),
    "schema.date_quoted": (
        "'{field}': {value} staat tussen aanhalingstekens en wordt dus als tekst gelezen, niet "
        "als datum"
    ),
    "schema.date_quoted_hint": "haal de aanhalingstekens weg: {field}: {value}",
    "schema.date_unpadded": "'{field}': schrijf de datum met een maand en dag van twee cijfers",
    "schema.date_unpadded_hint": "schrijf {suggestion}",
    "schema.label_not_key": "Schrijf de sleutel '{key}', niet het label '{label}'.",
    "schema.out_of_range_hint": "{description}",
    "root.no_such_folder": "{path} bestaat niet",
    "date_order.future": "'{field}' ({date}) ligt in de toekomst",
    "date_order.future_hint": "leg alleen vast wat gebeurd is; controleer het jaartal",
    "date_order.academic_year": (
        "het studiejaar {value} loopt niet van het ene jaar naar het volgende"
    ),
    "date_order.academic_year_hint": "schrijf het als 2025-2026",
    "question_progress.behind": "de vraag staat nog op '{status}', maar {what}",
    "question_progress.project": "project {id} is '{project_status}'",
    "question_progress.finding": "bevinding {id} beantwoordt haar al",
    "question_progress.hint": "zet de vraag verder met haar status (en een stap in status_history)",
    "yaml_syntax.colon": "een dubbele punt met een spatie erna midden in een waarde",
    "yaml_syntax.colon_hint": (
        "zet de hele waarde tussen aanhalingstekens: title: \"Uitgaan: veilig?\""
    ),
    "yaml_syntax.unclosed": "een aanhalingsteken of haakje dat nooit wordt gesloten",
    "yaml_syntax.unclosed_hint": (
        "sluit het aanhalingsteken of haakje dat op deze regel of ervoor is geopend"
    ),
    "yaml_syntax.quote_early": "het aanhalingsteken {quote} midden in de tekst sluit de waarde "
    "tussen aanhalingstekens al af",
    "yaml_syntax.quote_early_hint_single": "schrijf een apostrof binnen '…' dubbel ('s → ''s), "
    "of zet de hele waarde tussen dubbele aanhalingstekens: \"…'s avonds…\"",
    "yaml_syntax.quote_early_hint_double": "schrijf een \" binnen \"…\" als \\\", of zet de hele "
    "waarde tussen enkele aanhalingstekens",
    "yaml_syntax.indent": "het inspringen past niet bij de regels eromheen",
    "yaml_syntax.indent_hint": "spring velden van hetzelfde niveau evenveel spaties in",
    "yaml_syntax.token": "een teken waarmee een waarde hier niet mag beginnen (zoals @, ` of %)",
    "yaml_syntax.token_hint": "zet de waarde tussen aanhalingstekens",
    "init.nested": (
        "{path} ligt binnen de kennisbank {root}; een kennisbank kan geen andere bevatten"
    ),
    "init.nested_hint": "kies een map buiten {root}",
    "config.unknown_key": "{path}: onbekende instelling '{key}'",
    "config.unknown_key_hint": "bekende instellingen: {known}",
    "config.unknown_vocabulary": "{path}: onbekende woordenlijst '{key}'",
    "config.missing_vocabulary": (
        "{path}: de woordenlijst '{key}' ontbreekt; records hebben haar nodig"
    ),
    "config.bad_reference": (
        "{path}: '{key}' heeft {attr} '{value}', maar dat is geen sleutel van {vocabulary}"
    ),
    "config.known_vocabularies": "bekende woordenlijsten: {known}",
    "config.did_you_mean": "bedoel je '{guess}'? ",
    # -- rules: privacy --
    "personal_data.found": "'{field}' lijkt {what} te bevatten ({excerpt})",
    "personal_data.email": "een e-mailadres",
    "personal_data.phone": "een telefoonnummer",
    "personal_data.bsn": "een burgerservicenummer (BSN)",
    "personal_data.iban": "een rekeningnummer (IBAN)",
    "personal_data.address": "een postcode met huisnummer",
    "personal_data.hint": "records bevatten geen contactgegevens of persoonsgegevens; haal het "
    "weg of noem een functie",
    "personal_data.public_hint": "een openbaar record mag geen persoonsgegevens bevatten: haal "
    "het weg",
    # -- intake and authoring --
    "commit.done": "vastgelegd in git: {sha} ({count} bestand(en))",
    "commit.failed": "git kon niet vastleggen: {error}",
    "commit.failed_hint": "de bestanden zijn wel geschreven; los het git-probleem op "
    "(bijvoorbeeld: git config user.name \"Naam\") en leg ze zelf vast",
    "commit.identity_hint": "de bestanden zijn wel geschreven; git weet nog niet wie je bent: "
    "git config --global user.name \"Naam\" en git config --global user.email "
    "\"naam@voorbeeld.nl\", en leg daarna vast wat de opdracht klaarzette: git commit -m \"…\"",
    "commit.import": "intake: {count} vraag/vragen geïmporteerd uit {file}",
    "commit.intake": "intake: {id} {title}",
    "commit.link": "koppeling: {holder} → {target}",
    "commit.new": "{kind} toegevoegd: {id} {title}",
    "commit.no_repo": "{path} staat niet in een git-repository",
    "commit.no_repo_hint": "laat --commit weg, of maak een repository met: git init",
    "commit.schema": "JSON Schemas bijgewerkt",
    "commit.status": "status: {id} {old} → {new}",
    "commit.unlink": "koppeling weg: {holder} → {target}",
    "edit.broken": "{path} is nu niet veilig te bewerken",
    "edit.broken_hint": "los eerst de problemen op die veiligestad validate in dit bestand meldt",
    "import.allowed_values": "Toegestane waarden",
    "import.already": "al geïmporteerd als {id}",
    "import.bad_mapping": "{path}: intake_form kan veld {field} niet gebruiken",
    "import.bad_suffix": "{path} is geen .csv- of .xlsx-bestand",
    "import.bad_suffix_hint": "exporteer het formulier als CSV of als Excel-werkmap (.xlsx)",
    "import.column": "Kolom",
    "import.created": "aangemaakt",
    "import.dry_run": "proefdraai: er is niets geschreven",
    "import.empty": "{path} is leeg",
    "import.form_exists": "{path} bestaat al; kies een andere naam",
    "import.form_hint": "zie de uitleg bij intake_form in veiligestad.yaml: columns: koppelt "
    "velden aan kolomkoppen",
    "import.form_written": "leeg formulier geschreven: {path} ({count} kolommen)",
    "import.found_columns": "gevonden kolommen: {columns}",
    "import.id": "ID",
    "import.mappable": "velden die een kolom kunnen krijgen: {fields}",
    "import.missing_columns": "de export mist verplichte kolommen: {columns}",
    "import.no_file": "{path} bestaat niet",
    "import.outcome": "uitkomst",
    "import.reason": "reden",
    "import.rejected": "afgewezen",
    "import.rejected_hint": "verbeter de afgewezen rijen in de export en importeer opnieuw; "
    "veiligestad vocab toont de toegestane waarden (sleutel of label)",
    "import.row": "rij",
    "import.sheet_choices": "Keuzes",
    "import.sheet_form": "Vragen",
    "import.skipped": "overgeslagen",
    "import.summary": "{created} aangemaakt, {skipped} overgeslagen, {rejected} afgewezen",
    "import.summary_title": "Import van {file}",
    "import.title": "titel",
    "import.unreadable": "{path} is niet te lezen: {error}",
    "import.would_create": "wordt aangemaakt",
    "input.allowed": "toegestaan: {allowed}",
    "input.bad_bool": "{field}: '{value}' is geen ja of nee",
    "input.bad_date": "{field}: '{value}' is geen datum",
    "input.bad_date_hint": "schrijf een datum als 27-11-2026 of 2026-11-27",
    "input.bad_number": "{field}: '{value}' is geen geldig aantal",
    "input.bad_pattern": "{field}: '{value}' heeft niet de goede vorm",
    "input.bad_url": "{field}: '{value}' is geen webadres (https://…)",
    "input.not_allowed": "{field}: '{value}' is geen toegestane waarde",
    "input.range": "van {minimum} tot en met {maximum}",
    "input.refused": "niets geschreven: {problems}",
    "input.refused_hint": "verbeter de genoemde waarden; veiligestad vocab toont alle toegestane "
    "waarden",
    "input.required": "{field} is verplicht",
    "input.required_option": "{field} is verplicht (geef {option})",
    "link.answered": "{project} kan {id} niet loslaten: bevinding(en) {findings} beantwoorden "
    "die vraag",
    "link.answered_hint": "ontkoppel eerst die bevindingen van de vraag (veiligestad unlink)",
    "link.did_you_mean": "bedoel je {id}?",
    "link.done": "gekoppeld: {holder} → {target} (in {path})",
    "link.duplicate": "het ID {id} komt meer dan eens voor",
    "link.duplicate_hint": "los eerst de dubbele ID's op (veiligestad validate)",
    "link.last": "{id} is de laatste van {field} in {holder}; die lijst mag niet leeg zijn",
    "link.last_hint": "koppel eerst een andere vraag, of verwijder het record",
    "link.nothing": "{holder} en {target} waren al gekoppeld; niets veranderd",
    "link.pair": "{first} en {second} kunnen niet gekoppeld worden",
    "link.pairs": "mogelijk zijn: project ↔ vraag, bevinding ↔ vraag, bevinding ↔ bevinding",
    "link.project_first": "koppel eerst het project aan de vraag: veiligestad link {project} {id}",
    "link.type_only_findings": "--type geldt alleen voor een koppeling tussen twee bevindingen",
    "link.unknown": "er is geen record met ID {id}",
    "link.unknown_hint": "veiligestad validate toont alle records; let op het jaartal en de "
    "hoofdletters",
    "new.created": "{kind} aangemaakt: {path}",
    "new.exists": "{path} bestaat al; er is niets overschreven",
    "new.exists_hint": "probeer het opnieuw: er wordt een nieuw ID gekozen",
    "new.invalid": "dan zou veiligestad validate fouten vinden: {problems}",
    "new.invalid_hint": "er is niets geschreven; verbeter de waarden (of het sjabloon in "
    "templates/records/) en probeer het opnieuw",
    "new.programme_elsewhere": "opleiding {programme} hoort niet bij {institution}",
    "new.programmes_of": "opleidingen van {institution}: {programmes}",
    "new.project_questions": "vragen van {project}: {ids}",
    "new.question_outside": "{id} is geen vraag van project {project}",
    "prompt.date": "een datum als 27-11-2026 of 2026-11-27",
    "prompt.optional": "antwoord (leeg = overslaan)",
    "prompt.required": "antwoord",
    "prompt.ended": "de invoer hield op voordat elke vraag beantwoord was; er is niets "
    "geschreven",
    "prompt.ended_hint": "antwoord in een terminal, of geef elke waarde als optie en voeg "
    "--no-input toe (zie --help)",
    "prompt.interrupted": "onderbroken; er is niets geschreven",
    "prompt.several": "meerdere: scheid ze met ; of ,",
    "schema_export.created": "geschreven: {path}",
    "schema_export.description": "Een {kind} in de kennisbank van {city} (veiligestad). "
    "Gemaakt met veiligestad schema export; niet met de hand bewerken.",
    "schema_export.unchanged": "al actueel: {path}",
    "schema_export.updated": "bijgewerkt: {path}",
    "status_change.allowed": "vanuit {old} kan het naar: {allowed}",
    "status_change.done": "{id}: {old} → {new}",
    "status_change.needs_finding": "{id} kan niet naar {new}: er is nog geen bevinding die de "
    "vraag beantwoordt",
    "status_change.needs_finding_hint": "voeg eerst een bevinding toe (veiligestad new finding)",
    "status_change.needs_reason": "{id} kan niet naar {new} zonder bevindingen of een reden",
    "status_change.needs_reason_hint": "voeg een bevinding toe, of geef een reden met --reason",
    "status_change.not_allowed": "{id} kan niet van {old} naar {new}",
    "unlink.done": "ontkoppeld: {holder} → {target} (in {path})",
    "unlink.nothing": "{holder} en {target} waren niet gekoppeld; niets veranderd",
    # -- query and export --
    "export.bad_audience": "'{audience}' is geen publiek",
    "export.bad_format": "'{format}' is geen exportformaat",
    "export.cannot_write": "{path} kan niet geschreven worden: {error}",
    "export.done": "geëxporteerd naar {path} ({audience}): vragen {questions}, projecten "
    "{projects}, bevindingen {findings}",
    "export.audience.internal": "intern",
    "export.audience.public": "openbaar",
    "export.folder": "{path} wijst een map aan; export {format} schrijft één bestand",
    "export.folder_hint": "geef de naam van het bestand, bijvoorbeeld {example}",
    "export.suffix_mismatch": "{path} eindigt op {suffix}, maar het formaat is {format}",
    "export.suffix_mismatch_hint": "geef een naam die bij het formaat past, bijvoorbeeld "
    "{example}",
    "export.into_data": "{path} ligt in de map data/ van de kennisbank",
    "export.into_data_hint": "schrijf de export buiten data/, bijvoorbeeld naar export.db",
    "gaps.answered_not_fed_back": "Beantwoord maar nog niet teruggekoppeld aan de partner",
    "gaps.before_next_semester": "nodig op {needed_by}: koppelen voor het volgende semester",
    "gaps.delivered": "opgeleverd {date}, {days} dagen geleden",
    "gaps.delivered_undated": "opgeleverd, datum onbekend",
    "gaps.ended": "afgerond {date}",
    "gaps.findings_without_recommendations": "Bevindingen zonder aanbevelingen",
    "gaps.finished_without_findings": "Projecten afgerond zonder bevindingen",
    "gaps.none": "geen",
    "gaps.overdue": "wacht langer dan de drempel",
    "gaps.ready_without_project": "Vragen klaar voor een student, zonder project",
    "gaps.recommendations_without_follow_up": "Aanbevelingen zonder opvolging",
    "gaps.silent": "geen opvolging na {days} dagen",
    "gaps.summary": "{count} aandachtspunt(en); het volgende semester loopt van {start} tot {end}",
    "gaps.waiting": "wacht {days} dagen",
    "graph.bad_depth": "--depth moet 0 of meer zijn, niet {depth}",
    "graph.edge.finding.project": "uit project",
    "graph.edge.finding.questions": "beantwoordt",
    "graph.edge.project.questions": "pakt op",
    "periods.bad_date": "'{value}' is geen datum",
    "periods.bad_date_hint": "schrijf een datum als JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld "
    "2026-07-01",
    "periods.bad_quarter": "'{value}' is geen kwartaal",
    "periods.bad_quarter_hint": "schrijf een kwartaal als 2026-Q3 (ook 2026Q3 of 2026-K3)",
    "query.allowed": "toegestaan: {values}",
    "query.audiences": "kies uit: {audiences}",
    "query.bad_audience": "'{audience}' is geen publiek",
    "query.bad_bool": "'{value}' is niet waar of onwaar (true/false)",
    "query.bad_date": "'{value}' is geen datum",
    "query.bad_date_hint": "schrijf een datum als JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld "
    "2026-07-01",
    "query.bad_limit": "--limit moet 0 of meer zijn, niet {limit}",
    "query.bad_number": "'{value}' is geen geheel getal",
    "query.bad_param": "--param {param} is niet NAAM=WAARDE",
    "query.bad_param_hint": "bijvoorbeeld --param theme=online",
    "query.bad_value": "'{value}' is geen waarde die {field} kan hebben",
    "query.count": "{count} record(s)",
    "query.did_you_mean": "bedoel je `{guess}`?",
    "query.kinds": "kies uit: {kinds}",
    "query.known_fields": "velden: {fields}",
    "query.nested_hint": "noem een veld erbinnen met een punt, bijvoorbeeld evidence.design>=3",
    "query.no_field": "voorwaarde '{condition}' begint niet met een veldnaam",
    "query.no_kind": "noem het soort record om te zoeken, of een opgeslagen zoekvraag met --saved "
    "NAAM",
    "query.no_kind_hint": "bijvoorbeeld: veiligestad query questions -w status=ready.",
    "query.no_operator": "voorwaarde '{condition}' heeft geen operator",
    "query.no_value": "voorwaarde '{condition}' heeft geen waarde na de operator",
    "query.not_comparable": "{field} bevat meerdere velden en kan niet vergeleken worden met {op}",
    "query.param_missing": "de opgeslagen zoekvraag {path} heeft een waarde nodig voor {param}",
    "query.param_missing_hint": "geef die met --param {param}=WAARDE",
    "query.param_undeclared": "{path} gebruikt {{{param}}} maar noemt die niet onder parameters",
    "query.param_unknown": "{path} heeft geen parameter {param}",
    "query.param_without_saved": "--param hoort bij --saved NAAM",
    "query.params_known": "parameters: {params}",
    "query.saved_hint": "een opgeslagen zoekvraag is een mapping met kind, conditions, sort, "
    "fields en parameters; zie docs/query.md",
    "query.saved_keys": "toegestane sleutels: {keys}",
    "query.saved_kind": "de opgeslagen zoekvraag {name} zoekt in {kind}",
    "query.saved_known": "opgeslagen zoekvragen: {names}",
    "query.saved_no_kind": "{path} zegt niet in welk soort record het zoekt (kind: questions)",
    "query.saved_none": "er zijn nog geen opgeslagen zoekvragen; zet er een in de map {folder}/",
    "query.saved_shape": "{path} is geen opgeslagen zoekvraag in de verwachte vorm",
    "query.saved_unknown": "er is geen opgeslagen zoekvraag die {name} heet",
    "query.saved_unknown_key": "{path}: onbekende sleutel '{key}'",
    "query.saved_unreadable": "{path} kan niet gelezen worden: {error}",
    "query.syntax_hint": "schrijf veld=waarde, veld!=waarde, veld<waarde, veld~tekst, veld? "
    "(aanwezig) of !veld (afwezig); een lijst met komma's betekent een van",
    "query.unknown_field": "een {kind} heeft geen veld '{field}'",
    "query.unknown_id": "geen record heeft het ID {id}",
    "query.unknown_kind": "'{kind}' is geen soort record",
    "show.backlinks": "Verwezen vanuit",
    "show.links": "Verwijst naar",
    "show.missing": "(bestaat niet)",
    "show.none": "geen",
    "show.recommendations": "Aanbevelingen",
    "show.unknown_hint": "veiligestad query questions --format ids toont de ID's",
    "stats.by_design": "Bevindingen naar onderzoeksopzet (Maryland-schaal)",
    "stats.by_maturity": "Bevindingen naar bewijskracht",
    "stats.days": "{days} dagen",
    "stats.figure": "Cijfer",
    "stats.findings": "Bevindingen gerapporteerd",
    "stats.median_delivered": "Mediaan dagen van gekoppeld tot opgeleverd",
    "stats.median_matched": "Mediaan dagen van binnenkomst tot gekoppeld",
    "stats.partners": "Partners bereikt",
    "stats.projects_finished": "Projecten afgerond",
    "stats.projects_running": "Projecten lopend",
    "stats.projects_started": "Projecten gestart",
    "stats.questions_decided": "Vragen besloten",
    "stats.questions_delivered": "Vragen opgeleverd",
    "stats.questions_matched": "Vragen gekoppeld",
    "stats.questions_received": "Vragen ontvangen",
    "stats.recommendations": "Aanbevelingen naar opvolging",
    "stats.students": "Studenten",
    "stats.title_all": "Cijfers tot en met {end}",
    "stats.title_quarter": "Cijfers over {quarter} ({start} tot en met {end})",
    "stats.value": "Waarde",
    # -- reports and site --
    "report.audience.internal": "Interne versie: voor de gemeente en haar partners, niet voor "
    "publicatie.",
    "report.audience.public": "Openbare versie: alleen openbare gegevens.",
    "report.chart.findings": "Nieuwe bevindingen per thema per kwartaal, {year}",
    "report.chart.findings_caption": "Een bevinding telt bij elk thema van de vragen die zij "
    "beantwoordt.",
    "report.chart.follow_up": "Aanbevelingen naar opvolging",
    "report.chart.follow_up_caption": "Aanbevelingen uit bevindingen die in het kwartaal en in het "
    "jaar tot nu gerapporteerd zijn, naar wat er bekend is van hun opvolging.",
    "report.chart.funnel": "Van vraag tot oplevering",
    "report.chart.funnel_caption": "Vragen per stap, in dit kwartaal en sinds het begin van het "
    "jaar.",
    "report.col.audience": "Publiek",
    "report.col.date": "Datum",
    "report.col.days": "Dagen",
    "report.col.finding": "Bevinding",
    "report.col.follow_up": "Opvolging",
    "report.col.id": "ID",
    "report.col.institution": "Instelling",
    "report.col.missing": "Ontbreekt",
    "report.col.needed_by": "Nodig vóór",
    "report.col.open": "Open",
    "report.col.partner": "Partner",
    "report.col.programme": "Opleiding",
    "report.col.project": "Project",
    "report.col.projects": "Projecten",
    "report.col.questions": "Vragen",
    "report.col.received": "Ontvangen",
    "report.col.recommendation": "Aanbeveling",
    "report.col.recommendations": "Aanbevelingen",
    "report.col.status": "Status",
    "report.col.students": "Studenten",
    "report.col.theme": "Thema",
    "report.col.themes": "Thema's",
    "report.col.title": "Titel",
    "report.col.type": "Soort",
    "report.embargo_ending": "Embargo's die aflopen in {period}: {count}",
    "report.empty_quarter": "In {period} is er niets binnengekomen, gestart, afgerond of gevonden. "
    "De cijfers hieronder laten zien hoe het jaar tot nu toe verliep.",
    "report.ethics.dmp": "datamanagementplan",
    "report.ethics.missing": "Projecten zonder datamanagementplan of ethische toets door de "
    "begeleider: {count}",
    "report.ethics.supervisor_check": "ethische toets door de begeleider",
    "report.evidence.design": "Onderzoeksopzet niveau {level} van 5 op de Maryland-schaal "
    "({meaning}).",
    "report.evidence.design.1": "samenhang gemeten op één moment, zonder vergelijking",
    "report.evidence.design.2": "een meting vóór en ná, zonder vergelijkingsgroep",
    "report.evidence.design.3": "vóór en ná, met een vergelijkingsgroep",
    "report.evidence.design.4": "met een vergelijkingsgroep en controle voor andere verklaringen",
    "report.evidence.design.5": "met willekeurige toewijzing aan groepen",
    "report.evidence.maturity": "Stand van de onderbouwing: {label}.",
    "report.evidence.unknown": "Niet vastgelegd.",
    "report.fictional": "Deze kennisbank bevat verzonnen voorbeeldrecords: de cijfers en "
    "bevindingen zijn geen echt onderzoek.",
    "report.figure": "Kerncijfer",
    "report.figure.findings_reported": "Bevindingen gerapporteerd",
    "report.figure.partners_reached": "Partners bereikt",
    "report.figure.presentations_given": "Presentaties aan partners",
    "report.figure.projects_finished": "Projecten afgerond",
    "report.figure.projects_running": "Projecten lopend in het kwartaal",
    "report.figure.projects_started": "Projecten gestart",
    "report.figure.questions_accepted": "waarvan aangenomen",
    "report.figure.questions_advised": "waarvan beantwoord met advies",
    "report.figure.questions_decided": "Vragen besloten",
    "report.figure.questions_delivered": "Vragen opgeleverd",
    "report.figure.questions_matched": "Vragen gekoppeld aan studenten",
    "report.figure.questions_received": "Vragen ontvangen",
    "report.figure.questions_referred": "waarvan doorverwezen",
    "report.figure.questions_refused": "waarvan afgewezen",
    "report.figure.recommendations_made": "Aanbevelingen gedaan",
    "report.figure.students": "Studenten in lopende projecten",
    "report.follow_up": "Opvolging van aanbevelingen",
    "report.follow_up_changed": "Van {count} aanbevelingen werd in dit kwartaal de opvolging "
    "bekend:",
    "report.footer.command": "Opdracht: {command}",
    "report.footer.commit": "Kennisbank: commit {commit}",
    "report.footer.dirty": "Kennisbank: commit {commit}, met niet-vastgelegde wijzigingen",
    "report.footer.made": "Gemaakt met veiligestad {version} op {date}.",
    "report.footer.no_git": "Kennisbank: niet in git, dus niet herleidbaar tot een versie",
    "report.key_note": "Lopende projecten, studenten en bereikte partners zijn geen optelsom over "
    "kwartalen en staan daarom alleen voor het kwartaal. Alle cijfers zijn die van veiligestad "
    "stats.",
    "report.key_note_public": "Deze openbare versie telt alleen de records die openbaar zijn.",
    "report.label.caveats": "Kanttekeningen",
    "report.label.chart_numbers": "De tabel geeft de getallen van de figuur.",
    "report.label.contents": "Inhoud",
    "report.label.evidence": "Bewijs",
    "report.label.follow_up": "opvolging",
    "report.label.project": "Project",
    "report.label.recommendations": "Aanbevelingen",
    "report.label.to": "Aan",
    "report.median.matched_to_delivered": "Van koppeling tot oplevering duurde het in de mediaan "
    "{days} dagen (vragen opgeleverd in dit kwartaal).",
    "report.median.matched_to_delivered_none": "In dit kwartaal is geen gekoppelde vraag "
    "opgeleverd, dus er is geen doorlooptijd van koppeling tot oplevering.",
    "report.median.received_to_matched": "Van ontvangst tot koppeling aan studenten duurde het in "
    "de mediaan {days} dagen (vragen gekoppeld in dit kwartaal).",
    "report.median.received_to_matched_none": "In dit kwartaal is geen vraag aan studenten "
    "gekoppeld, dus er is geen doorlooptijd van ontvangst tot koppeling.",
    "report.month.1": "januari",
    "report.month.10": "oktober",
    "report.month.11": "november",
    "report.month.12": "december",
    "report.month.2": "februari",
    "report.month.3": "maart",
    "report.month.4": "april",
    "report.month.5": "mei",
    "report.month.6": "juni",
    "report.month.7": "juli",
    "report.month.8": "augustus",
    "report.month.9": "september",
    "report.need_student": "Vragen die vóór het volgende semester (start {date}) een student nodig "
    "hebben",
    "report.no_findings": "Er zijn in dit kwartaal geen nieuwe bevindingen gerapporteerd.",
    "report.no_open_questions": "Er staan geen vragen open.",
    "report.no_presentations": "Er zijn in dit kwartaal geen resultaten aan partners "
    "gepresenteerd.",
    "report.no_recommendations": "Er zijn dit jaar nog geen aanbevelingen gedaan.",
    "report.no_students": "Er liepen in dit kwartaal geen projecten.",
    "report.no_theme": "Zonder thema",
    "report.none_need_student": "Geen: elke vraag die klaar is, heeft een project.",
    "report.none_waiting": "Geen vragen wachten.",
    "report.outlook_intro": "Open vragen op {date}, per thema (een vraag met meer thema's telt bij "
    "elk thema):",
    "report.partner.findings": "Bevindingen die deze vragen beantwoorden",
    "report.partner.no_findings": "Nog geen bevindingen beantwoorden deze vragen.",
    "report.partner.no_questions": "Deze partner heeft nog geen vragen gesteld.",
    "report.partner.no_recommendations": "Er zijn nog geen aanbevelingen aan deze partner gedaan.",
    "report.partner.presentations": "Presentaties bijgewoond: {count}",
    "report.partner.questions": "Gestelde vragen en waar ze staan",
    "report.partner.recommendations": "Aanbevelingen en hun opvolging",
    "report.partner.subtitle": "{city}, stand tot en met {period}",
    "report.partner.title": "Overzicht voor {partner}",
    "report.partners_reached": "Bereikte partners (publiek van presentaties en ontvangers van "
    "aanbevelingen): {count}, namelijk {partners}.",
    "report.pdf_missing": "voor PDF is WeasyPrint nodig, en dat is niet te laden ({error})",
    "report.pdf_missing_hint": "installeer het met: pip install 'veiligestad[pdf]' (op "
    "Debian/Ubuntu ook: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
    "report.presentations": "Presentaties in dit kwartaal: {count}",
    "report.projects.finished": "Afgerond in dit kwartaal: {count}",
    "report.projects.running": "Liepen in dit kwartaal (ook de gestarte en afgeronde): {count}",
    "report.projects.started": "Gestart in dit kwartaal: {count}",
    "report.quarterly.subtitle": "Kwartaalrapportage {period}",
    "report.quarterly.title": "Veilige Steden {city}",
    "report.section.ethics": "Ethiek en privacy",
    "report.section.feedback": "Terugkoppeling en gebruik",
    "report.section.findings": "Nieuwe bevindingen",
    "report.section.flow": "De stroom van vragen",
    "report.section.key": "Kerncijfers",
    "report.section.outlook": "Vooruitblik: open vragen",
    "report.section.projects": "Projecten en studenten",
    "report.step": "Stap",
    "report.students": "Studenten per instelling en opleiding (projecten die in het kwartaal "
    "liepen)",
    "report.unknown_partner": "'{key}' is geen partner in veiligestad.yaml",
    "report.unknown_partner_hint": "bekende partners: {known}",
    "report.waiting": "Wachtende vragen op {date}, oudste eerst",
    "report.format_mismatch": "{path} eindigt op {suffix}, maar gevraagd is --format {format}",
    "report.format_mismatch_hint": "laat --format weg (de naam van het bestand beslist) of geef "
    "een naam die op .{format} eindigt",
    "report.written": "geschreven: {path}",
    "report.year_to_date": "{year} tot nu",
    # -- history and review --
    "changes.bad_date": "{date} is geen datum",
    "changes.bad_ref": "{ref} is geen datum en ook geen commit, branch of tag in git",
    "changes.column.date": "datum",
    "changes.column.fields": "gewijzigde velden",
    "changes.column.id": "ID",
    "changes.column.kind": "soort",
    "changes.column.status": "status",
    "changes.column.title": "titel",
    "changes.now": "nu",
    "changes.ref_hint": "geef een datum als JJJJ-MM-DD of DD-MM-JJJJ (2026-07-01, 1-7-2026) of een "
    "git-ref (main, v1.0, een commit)",
    "changes.section.added": "Toegevoegd: {count}",
    "changes.section.changed": "Gewijzigd: {count}",
    "changes.section.removed": "Verwijderd: {count}",
    "changes.section.status": "Statuswijzigingen: {count}",
    "changes.title": "Wijzigingen van {since} tot en met {until}",
    "contributors.column.contributors": "bijdragers",
    "contributors.column.findings": "bevindingen toegevoegd",
    "contributors.column.institution": "instelling",
    "contributors.column.names": "namen",
    "contributors.total": "In totaal {findings} bevinding(en) toegevoegd door {contributors} "
    "bijdrager(s).",
    "history.change.added": "toegevoegd",
    "history.change.changed": "gewijzigd",
    "history.change.removed": "verwijderd",
    "history.change.renamed": "hernoemd",
    "history.column.author": "auteur",
    "history.column.change": "wijziging",
    "history.column.commit": "commit",
    "history.column.date": "datum",
    "history.column.fields": "velden",
    "history.column.message": "bericht",
    "history.no_git": "{path} staat niet in een git-repository met commits en heeft dus geen "
    "geschiedenis",
    "history.no_git_hint": "zet de kennisbank eerst in git (veiligestad init begint een "
    "repository)",
    "history.status": "status {old} → {new}",
    "history.title": "Geschiedenis van {id}: {count} commit(s), nieuwste eerst",
    "history.unknown_hint": "controleer het ID; veiligestad query toont de records",
    "history.unknown_id": "{id} heeft geen geschiedenis in git",
    "review.current": "{id}: koppelingen waren al bekeken, niets gewijzigd",
    "review.done": "{count} record(s) opnieuw gestempeld.",
    "review.nothing": "noem de records die je hebt bekeken, of gebruik --all",
    "review.nothing_waiting": "deze records zijn veranderd en hun koppelingen wachten op review: "
    "{ids}; bijvoorbeeld: veiligestad review {first}",
    "review.nothing_hint": "bijvoorbeeld: veiligestad review P-2026-001",
    "review.restamped": "{id}: koppelingen opnieuw gestempeld ({links})",
    "review.unknown_id": "er is geen record {id}",
    "review.unknown_id_hint": "controleer het ID; veiligestad query toont de records",
    "review.unreadable": "{id} ({path}) kan niet veilig worden bewerkt; er is niets gewijzigd",
    "review.unreadable_hint": "los eerst de problemen op die veiligestad validate {path} meldt",
    "suspect_link.bad_stamp": "de stempel van {id} is geen vingerafdruk die het gereedschap "
    "schreef",
    "suspect_link.changed": "{id} is gewijzigd sinds deze koppeling voor het laatst is bekeken: "
    "{fields}",
    "suspect_link.changed_unknown": "{id} is gewijzigd sinds deze koppeling voor het laatst is "
    "bekeken (een van: {fields})",
    "suspect_link.config_hint": "suspect_fields koppelt een soort (question, project, finding) "
    "aan een lijst van zijn velden",
    "suspect_link.review_hint": "controleer of {id} nog klopt en voer dan uit: veiligestad "
    "review {id}",
    "validate.bad_ref": "--changed-since {ref}: git kent zo'n commit, branch of tag niet",
    "validate.bad_ref_hint": "gebruik een branch zoals main (in CI: origin/main, opgehaald met "
    "de geschiedenis)",
    "validate.no_git": "--changed-since heeft git nodig, maar {path} staat niet in een "
    "git-repository",
    # Privacy and security: templates, public output, output paths, personal data
    "template.unsafe": "sjabloon {template} probeert iets wat niet mag: {error}",
    "template.unsafe_hint": "een sjabloon mag alleen de gegevens tonen die het krijgt; haal de "
    "regel weg of gebruik het ingebouwde sjabloon",
    "template.syntax": "sjabloon {template} klopt niet: {error}",
    "template.missing": "sjabloon {template} bestaat niet",
    "template.failed": "sjabloon {template} faalt: {error}",
    "template.fix_hint": "verbeter het sjabloon, of verwijder het om het ingebouwde te gebruiken",
    "output.config": "{path} is het configuratiebestand van de kennisbank; daar wordt nooit "
    "uitvoer geschreven",
    "output.protected": "{path} ligt in {folder} van de kennisbank; daar wordt nooit uitvoer "
    "geschreven",
    "output.holds": "{path} bevat de map {folder} van de kennisbank; een uitvoermap daar zou "
    "haar bestanden kunnen overschrijven of verwijderen",
    "output.holds_hint": "kies een eigen map voor de uitvoer, bijvoorbeeld een nieuwe map in "
    "build/",
    "output.protected_hint": "kies een pad buiten data/ en .git/, bijvoorbeeld in je map "
    "Documenten",
    "output.root": "{path} is de map van de kennisbank zelf; de uitvoer zou tussen de bestanden "
    "van de kennisbank komen",
    "output.source": "{path} ligt in {folder} van de kennisbank en zou daar eigen bestanden "
    "kunnen vervangen",
    "output.force_hint": "kies een andere map, of voeg --force toe als dit echt de bedoeling is",
    "output.internal_in_kb": "{path} ligt in de map van de kennisbank: interne uitvoer daar wordt "
    "makkelijk meegecommit en gepubliceerd",
    "output.internal_in_kb_hint": "schrijf interne uitvoer buiten de kennisbank (bijvoorbeeld -o "
    "~/Documenten/rapport.md), of in een map die in .gitignore staat (init zet build/ daarin), "
    "of voeg --force toe",
    # Robuustheid: vijandige bestanden, de gezeefde weergave van de leescommando's, schrijven.
    "yaml_anchor.merge": "samenvoegsleutel <<: samenvoegsleutels zijn niet toegestaan in records; "
    "er is niets samengevoegd",
    "yaml_syntax.too_deep": "waarden meer dan {limit} niveaus diep genest; het bestand is niet "
    "gelezen",
    "yaml_syntax.too_deep_hint": "records hebben maar een paar niveaus nodig: velden en lijsten "
    "van groepen",
    "yaml_syntax.too_big": "de aliassen in dit bestand worden meer dan {limit} waarden; het "
    "bestand is niet gelezen",
    "yaml_syntax.too_big_hint": "verwijder de ankers (&) en aliassen (*); schrijf elke waarde "
    "voluit",
    "kb.left_out": "{path}: overgeslagen, het bestand is niet geldig (veiligestad validate zegt "
    "waarom)",
    "kb.left_out_id": "{id} is overgeslagen: het bestand is niet geldig",
    "kb.left_out_id_hint": "voer veiligestad validate {path} uit en verbeter wat het meldt",
    "write.refused": "{path} kan niet worden geschreven: {error}; er is niets veranderd",
    "write.refused_hint": "controleer of de map beschrijfbaar is en de schijf ruimte heeft, en "
    "probeer het opnieuw",
    "file_access.bad_name": (
        "de naam van dit bestand is niet af te drukken (bytes die "
        "geen UTF-8 zijn, een stuurteken, een onzichtbaar of richtingteken); het is niet gelezen"
    ),
    "file_access.bad_name_hint": (
        "geef het de naam van het ID van "
        "het record met .yaml erachter (letters, cijfers en streepjes)"
    ),
    "file_access.not_regular": "dit is geen gewoon bestand (een map, een pipe of een apparaat); "
    "het is niet geopend",
    "file_access.not_regular_hint": "verwijder het; een record is een gewoon .yaml-bestand",
    "file_access.stale_temp": "een tijdelijk bestand van een onderbroken schrijfactie van "
    "veiligestad",
    "file_access.stale_temp_hint": "verwijder het (het volgende schrijvende commando ruimt het "
    "ook op); commit het nooit",
    "config.too_high": "{path}: '{key}' mag niet meer zijn dan {highest} (het is {value})",
    "spreadsheet.too_large": "{path} is groter dan {limit}; een formulierexport is dat nooit",
    "spreadsheet.refused": "{path} is niet gelezen: {reason}",
    "spreadsheet.refused_hint": "exporteer het formulier opnieuw uit de formuliertool, als .xlsx "
    "of .csv",
    "spreadsheet.members": "het bevat {count} bestanden, veel meer dan een werkmap",
    "spreadsheet.inflates": "{name} zou uitgepakt groter worden dan {limit}",
    "spreadsheet.ratio": "{name} is veel sterker gecomprimeerd dan een echte werkmap (een "
    "zipbom?)",
    "spreadsheet.doctype": "{name} declareert een documenttype (XML-entiteiten worden niet "
    "geaccepteerd)",
    "spreadsheet.cell": "rij {row} heeft een cel van meer dan {limit} tekens",

    # --- daily work: lifecycle rules, status, link, new, gaps (issue 16) ---
    "question_project.none": "de vraag staat op '{status}', maar geen project neemt haar op",
    "question_project.hint": "koppel het project (veiligestad link P-… {id}), of zet de vraag "
    "terug: veiligestad status {id} ready",
    "decision_reason.none": "'{status}' is een besluit en heeft een reden nodig "
    "(decision_reason)",
    "decision_reason.hint": "veiligestad status {id} {status} --reason \"…\" schrijft de reden, "
    "of vul decision_reason in",
    "ethics_minors.unchecked": "er doen minderjarigen mee, maar de begeleider heeft de ethiek "
    "niet gecontroleerd (ethics.supervisor_check)",
    "ethics_minors.hint": "onderzoek met minderjarigen begint pas na de controle van de "
    "begeleider: zet ethics.supervisor_check op true zodra die is gedaan",
    "project_started.early": "staat op 'running', maar begint pas op {start} (over {days} "
    "dagen)",
    "project_started.hint": "laat het project op 'planned' staan tot het begint, of verbeter "
    "'start'",
    "project_period.outside": "begint op {start}, buiten de onderwijsperiode ({first} tot en "
    "met {last})",
    "project_period.hint": "controleer het jaar van 'start' en period.academic_year en "
    "period.semester",
    "status_change.needs_decision_reason": "{id} kan niet naar {new} zonder reden",
    "status_change.needs_decision_reason_hint": "geef de reden van het besluit mee: "
    "veiligestad status {id} {new} --reason \"…\"",
    "status_change.needs_project": "{id} kan niet naar {new}: geen project neemt {id} op",
    "status_change.needs_project_hint": "koppel eerst een project: veiligestad link P-… {id} "
    "(dat biedt aan de vraag op matched te zetten), of veiligestad new project -q {id}",
    "new.question_not_ready": "{id} is '{status}'; een project kan die vraag niet opnemen",
    "new.question_not_ready_hint": "een project neemt een vraag op die {allowed} is; zet de "
    "vraag eerst verder met veiligestad status",
    "link.offer_match": "{id} is klaar voor een student en wordt nu door dit project "
    "opgenomen. Zet {id} op 'matched'?",
    "link.match_later_on": "{id} staat nog op 'ready'; zet de vraag op matched op de dag dat het "
    "project begon met: veiligestad status {id} matched --on {date}",
    "status_change.on_future": "--on {date} ligt in de toekomst",
    "status_change.on_before_last": "--on {date} ligt vóór de laatste statuswijziging van {id} "
    "({last})",
    "status_change.on_hint": "--on is de dag waarop de wijziging gebeurde, als je die later "
    "vastlegt: vandaag of eerder, niet vóór de vorige wijziging",
    "link.match_later": "{id} staat nog op 'ready'; zet de vraag op matched met: veiligestad "
    "status {id} matched",
    "link.taken_up": "{project} is het enige project van {id}, en die vraag staat op "
    "'{status}'; zonder project kan dat niet",
    "link.taken_up_hint": "zet de vraag eerst terug: veiligestad status {id} ready",
    "gaps.waiting_for_intake": "Vragen die wachten op intake",
    "gaps.taken_up_without_project": "Vragen gematcht of in uitvoering zonder project",
    "gaps.running_past_end": "Lopende projecten voorbij hun einddatum",
    "gaps.running_before_start": "Lopende projecten die nog niet zijn begonnen",
    "gaps.suspect_links": "Verdachte koppelingen die wachten op review",
    "gaps.drafts_unpublished": "Bevindingen die al lang concept zijn",
    "gaps.received": "binnen sinds {date}, {days} dagen",
    "gaps.received_undated": "geen datum van binnenkomst",
    "gaps.no_project": "geen project neemt de vraag op",
    "gaps.past_end": "einde {date}, {days} dagen geleden",
    "gaps.before_start": "begint pas op {date}, over {days} dagen",
    "gaps.suspect": "bekijk en bevestig: veiligestad review {holder}",
    "gaps.draft": "gerapporteerd {date}, {days} dagen concept",
    "new.project_not_started": "project {project} begint pas op {start}; een bevinding "
    "kan pas worden gerapporteerd als het project loopt",
    "new.project_not_started_hint": "kies een project dat al is begonnen, of verbeter de "
    "startdatum van het project",
    "new.reported_before_start": "gerapporteerd op {reported}, maar project {project} begon "
    "pas op {start}",
    "draft.saved": "je antwoorden zijn bewaard in {path}; verbeter wat fout is en gebruik ze "
    "opnieuw: {command} --answers {path}",
    "draft.unreadable": "{path} kan niet worden gelezen: {error}",
    "draft.too_large": "{path} is te groot voor een bestand met antwoorden",
    "draft.not_answers": "{path} is geen bestand met antwoorden (veld: waarde, in YAML)",
    "draft.unknown_field": "{path}: onbekend veld '{field}'",
    "draft.fields": "mogelijke velden: {fields}",
    "draft.hint": "--answers leest een concept dat een geweigerde opdracht bewaarde",
    "link.retyped": "relatie {holder} → {target} gewijzigd van {old} in {new} (in {path})",
    "cli.warning": "waarschuwing",
    "import.unreadable_hint": "sla het bestand opnieuw op als .xlsx of als .csv en probeer het "
    "opnieuw",
    "import.no_submission_column": "het bestand heeft geen kolom '{column}' met een "
    "inzendingsnummer: rijen worden herkend aan hun inhoud (genormaliseerd: labels, datums, "
    "spaties en hoofdletters tellen niet); een rij die ook inhoudelijk is gewijzigd, wordt een "
    "nieuwe vraag",
    "import.extra_cells": "de rij heeft {count} cel(len) meer dan de kopregel ({header} "
    "kolommen): {cells}; staat er een scheidingsteken in een waarde? Er is niets uit deze rij "
    "overgenomen",
    "input.at_least": "{minimum} of meer",
    "input.at_most": "ten hoogste {maximum}",
    "cli.path_error": "{path} kan niet worden gebruikt: {reason}",
    "cli.path_in_use_hint": "staat het bestand open in een ander programma (een spreadsheet, een "
    "pdf-lezer)? Sluit het en voer het commando opnieuw uit; controleer anders of je daar mag "
    "schrijven",
    "cli.path_error_hint": "controleer het pad: bestaat de map, is het een bestand waar een map "
    "hoort (of andersom), mag je daar schrijven?",
    "merge_conflict.unresolved": "dit bestand heeft een onopgelost git-samenvoegconflict "
    "(<<<<<<<, =======, >>>>>>>)",
    "merge_conflict.hint": "kies welke regels blijven en haal de markeringen weg; voegden beide "
    "branches een vraag of project met hetzelfde nummer toe: veiligestad renumber",
    "renumber.no_repo": "{path} staat niet in een git-repository",
    "renumber.no_merge": "er is geen samenvoeging (merge) bezig",
    "renumber.no_merge_hint": "renumber lost botsende nummers op tijdens git merge: voer het uit "
    "als git meldt dat data/questions/Q-….yaml aan beide kanten is toegevoegd",
    "renumber.done": "{old} van de samengevoegde branch heet nu {new}; verwijzingen aangepast "
    "in: {references}",
    "renumber.left": "{path} heeft een conflict dat renumber niet kan oplossen; los het met de "
    "hand op",
    "renumber.nothing": "geen botsende nummers gevonden",
    "renumber.finish": "de bestanden zijn klaargezet (git add); rond af met git commit",
    "renumber.both": "{path}: beide branches schreven dezelfde regel met {old}; die blijft bij "
    "{old} van deze branch. Kijk of er ook het nieuwe nummer moet staan",
    "review.suspect_of": "{id} is gewijzigd sinds deze records hun koppeling ernaar "
    "bekeken: {holders}",
    "review.confirm": "Kloppen ze nog, na de wijziging van {id}?",
    "review.not_confirmed": "{id}: niet bevestigd; de koppelingen blijven verdacht",
    "review.confirmed": "{id}: koppelingen bevestigd in {holders}",
    "show.suspect": "Verdachte koppelingen",
    "show.suspect_line": "{holder} → {target}: {target} is gewijzigd sinds de koppeling is "
    "bekeken; veiligestad review {target} (of {holder})",
    "show.suspect_mark": "verdacht",
    "link_target.malformed": "'{field}': '{id}' is geen geldig ID van een {kind}",
    "self_relation.itself": "{id} verwijst naar zichzelf ({type}); een relatie gaat over een "
    "andere bevinding",
    "self_relation.hint": "noem de andere bevinding, of haal de relatie weg (veiligestad unlink)",
    "changes.backwards": "--until {until} ligt vóór --since {since}",
    "changes.backwards_hint": "--since is het begin van de periode, --until het einde",
    "title_length.long": "de titel is {length} tekens lang; ten hoogste {limit}",
    "title_length.hint": "maak de titel kort; de tekst zelf hoort in research_question, "
    "original_text of statement",
    "saved_query.wrong": "deze opgeslagen zoekvraag kan niet draaien: {error}",
    "query.saved_too_large": "{path} is te groot voor een opgeslagen zoekvraag",
    "query.saved_anchor": "{path} gebruikt YAML-ankers of -aliassen (& of *); een opgeslagen "
    "zoekvraag heeft ze niet nodig",
    "show.back.finding.project": "bevinding van dit project",
    "show.back.finding.questions": "beantwoord door",
    "show.back.project.questions": "opgepakt door",
    "show.back.supports": "ondersteund door",
    "show.back.contradicts": "tegengesproken door",
    "show.back.replicates": "herhaald door",
    "query.empty_alternative": "een alternatief (|) is leeg in: {condition}",
    "query.or_hint": "voorwaarden met | ertussen: één ervan moet kloppen, bijv. "
    "-w 'status=ready | themes=ov'",
    "query.count_limited": "{count} van {total} record(s) (--limit)",
    "new.start_hint": "{id} kwam binnen op {received}; het project begint op of na die dag",
    # portability: git missing, cp1252 consoles, init's README and CONTRIBUTING (issue 12)
    "git.missing": "git is nodig voor {purpose}: het programma git is niet gevonden",
    "git.missing_hint": "installeer git (op Windows: Git for Windows, git-scm.com) en open een "
    "nieuwe terminal zodat git op het PATH staat",
    "git.needed_for.init": "veiligestad init (er is niets geschreven)",
    "git.needed_for.history": "de geschiedenis van een record",
    "git.needed_for.commit": "--commit",
    "git.needed_for.changed_since": "--changed-since",
    "init.bad_tool_source": "--tool-source {source} is geen vastgepinde bron",
    "init.bad_tool_source_hint": "geef een git-URL met een tag of commit, "
    "git+https://example.org/veiligestad.git@v0.1.0, of de https-URL van een wheel die eindigt "
    "op #sha256=<de hash>; nooit alleen een pakketnaam",
    "init.commit_message": "Kennisbank van {city}: begin (veiligestad init)",
    "init.committed": "Alles vastgelegd in een eerste commit ({sha}).",
    "init.requirement": "De CI installeert: {requirement}",
    # -- federation: the programme-wide view over other cities --
    "config.federation_not_list": "{path}: 'federation' moet een lijst van steden zijn",
    "config.federation_entry": "{path}: '{key}' moet een mapping zijn met city, name en url",
    "config.federation_missing": "{path}: '{key}' ontbreekt of is leeg",
    "config.federation_hint": "schrijf elke stad als  - {{city: utrecht, name: Utrecht, url: "
    "https://…/kennisbank.git}}  (branch: is optioneel)",
    "config.federation_key_hint": "een stadssleutel bestaat uit kleine letters, cijfers, - en "
    "_, zoals utrecht of den_haag",
    "config.federation_twice": "{path}: de stad '{key}' staat er twee keer in, of is deze "
    "kennisbank zelf ({home})",
    "config.federation_twice_hint": "noem elke andere stad één keer; de records van deze "
    "kennisbank zelf zitten altijd in het overzicht",
    "config.federation_url_hint": "gebruik een git-URL (https://…, ssh://…, git@host:pad, "
    "file://…) of een map",
    "config.federation_branch_hint": "gebruik een branchnaam zoals main, of laat branch: weg "
    "voor de standaardbranch van de remote",
    "config.same_as": "{path}: '{key}' kan niet {value!r} zijn",
    "config.same_as_hint": "same_as noemt één sleutel van dezelfde woordenlijst bij andere "
    "steden, zoals straatintimidatie",
    "federation.none": "veiligestad.yaml noemt geen andere steden (federation:)",
    "federation.none_hint": "zet de andere steden onder federation: in veiligestad.yaml; zie "
    "docs/federation.md",
    "federation.unknown_city": "federation: noemt geen stad '{city}'",
    "federation.known": "de genoemde steden: {cities}",
    "federation.cache_folder": "de cachemap {path} is niet te gebruiken (een link, of niet "
    "schrijfbaar)",
    "federation.cache_folder_hint": "verwijder hem (hij wordt opnieuw gemaakt) en controleer "
    "dat de map van de kennisbank schrijfbaar is",
    "federation.updated": "{city}: bijgewerkt naar {commit}, {records} record(s)",
    "federation.unchanged": "{city}: ongewijzigd ({commit}), {records} record(s)",
    "federation.left_out": ", {count} weggelaten wegens fouten (veiligestad federation status "
    "noemt ze)",
    "federation.failed": "waarschuwing: {city} kon niet worden gesynchroniseerd: {error}; {copy}",
    "federation.keeps_copy": "de laatst gesynchroniseerde kopie ({commit}) blijft in gebruik",
    "federation.no_copy": "er is nog geen kopie van",
    "federation.summary": "{count} steden: {updated} bijgewerkt, {unchanged} ongewijzigd, "
    "{failed} mislukt.",
    "federation.column.city": "stad",
    "federation.column.synced": "laatst gesynchroniseerd (UTC)",
    "federation.column.commit": "commit",
    "federation.column.records": "records",
    "federation.column.public": "vandaag openbaar",
    "federation.column.broken": "weggelaten",
    "federation.never_synced": "{city}: nog nooit gesynchroniseerd; voer veiligestad "
    "federation sync uit",
    "federation.last_error": "{city}: de laatste synchronisatie mislukte: {error}",
    "federation.broken_file": "{city}: {path} weggelaten ({rules})",
    "federation.unmatched": "{city}: sleutels van {vocabulary} die bij geen van de onze passen "
    "(getoond met het eigen label van de stad): {keys}",
    "federation.not_served": "waarschuwing: {city} is nog niet gesynchroniseerd, dus geen van "
    "haar records staat in het overzicht; voer veiligestad federation sync uit",
    "federation.stale": "waarschuwing: {city}: de laatste synchronisatie mislukte ({error}); "
    "haar kopie van {commit} wordt getoond",
    "federation.broken_count": "{city}: {count} recordbestand(en) weggelaten wegens fouten "
    "(veiligestad federation status noemt ze)",
    "federation.outdated": "waarschuwing: {city}: haar kopie is door een andere versie van "
    "veiligestad gelezen, dus geen van haar records staat in het overzicht; voer veiligestad "
    "federation sync uit",
    "federation.show_hint": "een record van een andere stad toon je met --federated: "
    "veiligestad show --federated {id}",
    "report.pdf_refused": "het sjabloon of de stijl van het rapport vraagt om {url}; alleen "
    "bestanden in de sjabloonmappen van het gereedschap en de kennisbank worden gebruikt, niets "
    "anders wordt opgehaald",
    "report.pdf_refused_hint": "zet het bestand in templates/report/ van de kennisbank en verwijs "
    "er relatief naar, of haal de verwijzing weg",
    "personal_data.street": "een straat met huisnummer",
    "personal_data.handle": "een gebruikersnaam van sociale media",
    "config.link": "{path} is een symbolische koppeling; de configuratie wordt, net als records, "
    "nooit via een koppeling gelezen",
    "config.link_hint": "vervang de koppeling door het bestand zelf",
    # -- the public site (veiligestad site build) --
    "site.title": "Onderzoek Veilige Stad {city}",
    "site.intro": "Studenten van hogescholen en universiteiten onderzoeken samen met de gemeente "
    "{city} en haar partners hoe de stad veiliger wordt voor vrouwen en meiden. Hier staan hun "
    "gepubliceerde bevindingen en aanbevelingen, en de vragen die nog op een student wachten.",
    "site.skip": "Naar de inhoud",
    "site.nav": "Hoofdmenu",
    "site.home": "Home",
    "site.findings": "Bevindingen",
    "site.finding": "Bevinding",
    "site.themes": "Thema's",
    "site.theme": "Thema",
    "site.partners": "Partners",
    "site.partner": "Partner",
    "site.projects": "Projecten",
    "site.project": "Project",
    "site.agenda": "Onderzoeksagenda",
    "site.search": "Zoeken",
    "site.feed": "Nieuwe bevindingen (Atom-feed)",
    "site.footer.about": "Een uitgave van de gemeente {city}, gemaakt uit de openbare records van "
    "het programma. Alleen openbare, gepubliceerde bevindingen staan hier.",
    "site.footer.data": "Alles op deze site is ook open data:",
    "site.none_yet": "Hier staat nog niets.",
    "site.rec.to": "Aan",
    "site.rec.from": "uit",
    "site.rec.follow_up": "Opvolging",
    "site.search.label": "Zoek in bevindingen, projecten en vragen",
    "site.search.help": "Zoek op een woord; ook andere vormen van het woord worden gevonden "
    "(meervoud, verkleinwoord). Verfijn met de filters op thema, partner, jaar en bewijskracht.",
    "site.search.needs_js": "Zoeken werkt alleen met JavaScript aan. De rest van de site werkt "
    "zonder; via het menu vind je alle bevindingen per thema en per partner.",
    "site.figures": "In cijfers",
    "site.figures.findings": "Gepubliceerde bevindingen",
    "site.figures.projects": "Afgeronde projecten",
    "site.figures.questions": "Ontvangen vragen",
    "site.figures.partners": "Bereikte partners",
    "site.latest": "Nieuwste bevindingen",
    "site.all_findings": "Alle bevindingen",
    "site.findings.intro": "Wat studenten vonden, nieuwste eerst. Elke bevinding vermeldt hoe "
    "sterk het bewijs is en wat de beperkingen zijn.",
    "site.agenda.join": "Onderzoek doen voor de stad?",
    "site.agenda.teaser": "Er wachten vragen op studenten en docenten. Het volgende semester "
    "begint op {date}.",
    "site.fictional": "Fictief voorbeeld: dit is geen echt onderzoek.",
    "site.published": "Gepubliceerd",
    "site.outcomes": "Gaat over",
    "site.intervention": "Interventie",
    "site.evidence": "Hoe sterk is het bewijs?",
    "site.evidence.design_title": "Onderzoeksopzet (Maryland-schaal)",
    "site.evidence.design_explained": "De Maryland-schaal loopt van 1 tot 5. Hoe hoger, hoe beter "
    "een onderzoek kan laten zien dat iets echt een effect heeft; op niveau 1 en 2 gaat het om "
    "samenhang en verandering, niet om oorzaak en gevolg.",
    "site.evidence.maturity_title": "Stand van de onderbouwing",
    "site.evidence.maturity_explained": "Zo sterk is de onderbouwing op de Nederlandse "
    "erkenningsladder: van goed beschreven, via goed onderbouwd, tot aanwijzingen voor "
    "effectiviteit. Erkend worden interventies alleen door de landelijke erkenningscommissies, "
    "nooit door één studentenonderzoek.",
    "site.caveats": "Beperkingen",
    "site.questions_answered": "De vraag die dit beantwoordt",
    "site.asked_by": "gesteld door",
    "site.asked_by_label": "Gesteld door",
    "site.recommendations": "Aanbevelingen",
    "site.related": "Verwante bevindingen",
    "site.relation.supports": "Ondersteunt",
    "site.relation.contradicts": "Spreekt tegen",
    "site.relation.replicates": "Herhaalt",
    "site.relation.back": "Genoemd bij",
    "site.what_asked": "Wat werd gevraagd",
    "site.what_learned": "Wat we leerden",
    "site.what_recommended": "Wat werd aanbevolen",
    "site.what_recommended_to": "Wat aan deze partner werd aanbevolen",
    "site.count.findings": "{count} bevinding(en)",
    "site.count.questions": "{count} vraag/vragen",
    "site.count.recommendations": "{count} aanbeveling(en)",
    "site.project.type": "Soort onderzoek",
    "site.project.institution": "Instelling en opleiding",
    "site.project.period": "Periode",
    "site.project.semester": "semester {number}",
    "site.project.dates": "Looptijd",
    "site.project.status": "Stand",
    "site.project.methods": "Methoden",
    "site.project.students": "Studenten",
    "site.project.respondents": "Deelnemers",
    "site.project.questions": "Vragen",
    "site.project.deliverables": "Producten",
    "site.agenda.intro": "Deze vragen van de gemeente {city} en haar partners wachten op een "
    "student of een studententeam. Ben je student of docent en past een vraag bij een opdracht, "
    "scriptie, minor of stage? Dan horen we graag van je.",
    "site.agenda.next": "Het volgende semester begint op {date}.",
    # the programme-wide site (site build --federated)
    "site.programme.title": "Onderzoek Veilige Steden",
    "site.programme.intro": "Studenten van hogescholen en universiteiten onderzoeken samen met "
    "de gemeenten van het programma Veilige Steden en hun partners hoe steden veiliger worden "
    "voor vrouwen en meiden. Hier staan de gepubliceerde bevindingen van {city} en van de steden "
    "die {city} volgt, en de vragen die nog op een student wachten.",
    "site.programme.agenda_intro": "Deze vragen van gemeenten in het programma en hun partners "
    "wachten op een student of een studententeam; bij elke vraag staat de stad. Ben je student "
    "of docent en past een vraag bij een opdracht, scriptie, minor of stage? Dan horen we graag "
    "van je.",
    "site.agenda.target_group": "Over wie",
    "site.agenda.location": "Waar",
    "site.agenda.suitable_for": "Geschikt voor",
    "site.agenda.needed_by": "Antwoord nodig vóór",
    "site.agenda.empty": "Op dit moment wachten er geen vragen op een student.",
    "site.agenda.contact": "Neem contact op met de coördinator van het programma bij de gemeente "
    "om een vraag op te pakken.",
    "site.data.title": "Open data",
    "site.data.intro": "Dezelfde openbare gegevens als op deze site, om te downloaden en verder "
    "te gebruiken: JSON met alles, en CSV per tabel. Het DCAT-bestand beschrijft de dataset "
    "zodat open-dataportalen van de overheid hem kunnen oogsten.",
    "site.data.counts": "Bevat {findings} bevinding(en), {projects} project(en) en {questions} "
    "vraag/vragen.",
    "site.data.dcat": "catalogusbeschrijving (DCAT, JSON-LD)",
    "site.data.csv_note": "De CSV-bestanden openen in Excel: puntkomma als scheidingsteken, "
    "UTF-8.",
    "site.data.dataset_title": "Onderzoek Veilige Stad {city}: openbare bevindingen",
    "site.data.dataset_description": "Vragen, studentenprojecten en gepubliceerde bevindingen "
    "over de veiligheid van vrouwen en meiden in {city}.",
    "site.not_found": "Pagina niet gevonden",
    "site.not_found.text": "Deze pagina bestaat niet (meer). Misschien vind je wat je zoekt via "
    "zoeken of de startpagina.",
    "site.filter.theme": "Thema",
    "site.filter.partner": "Partner",
    "site.filter.year": "Jaar",
    "site.filter.evidence": "Bewijskracht",
    "site.search.off": "Zoeken staat op deze site uit. Via het menu vind je alle bevindingen "
    "per thema en per partner.",
    "site.bad_output": "de site kan niet in {path} worden geschreven: dat is (een deel van) de "
    "kennisbank",
    "site.bad_output_hint": "kies een map buiten data/, templates/, queries/ en .git/, "
    "bijvoorbeeld build/site",
    "site.not_folder": "{path} is een bestand, geen map",
    "site.outside": "{path} leidt naar een plek buiten de map van de site (een symbolische "
    "koppeling): de site wordt daar niet doorheen geschreven",
    "site.outside_hint": "verwijder die koppeling (in de map van de site staat alleen wat het "
    "gereedschap er schrijft) en bouw opnieuw",
    "site.not_empty": "{path} is niet leeg en bevat geen eerder gebouwde site",
    "site.not_empty_hint": "kies een lege of nieuwe map; de site verwijdert bestanden die hij "
    "niet meer maakt, en raakt nooit bestanden aan die hij niet zelf schreef",
    "site.bad_base_url": "--base-url {url} is geen http(s)-adres",
    "site.bad_base_url_hint": "bijvoorbeeld --base-url https://www.gemeente.nl/veiligestad/",
    "site.no_pagefind": "zoeken op de site heeft Pagefind nodig, en dat is niet geïnstalleerd",
    "site.no_pagefind_hint": "pip install 'veiligestad[site]', of bouw zonder zoeken met "
    "--no-search",
    "site.pagefind_failed": "Pagefind kon de site niet indexeren: {error}",
    "site.done": "Site in {path}: {pages} pagina's, {findings} bevinding(en); {written} "
    "bestand(en) geschreven, {unchanged} ongewijzigd, {removed} verwijderd.",
    "init.bundled": "Dat bestand is het gereedschap zelf ({path}): ook je studenten installeren "
    "het daaruit, vastgepind door de commits van deze repository (vervang het bestand voor een "
    "andere versie, of maak de kennisbank met init --tool-source git+https://…@TAG-of-COMMIT)",
    "import.summary_dry_run": "{created} zou(den) worden aangemaakt, {skipped} overgeslagen, "
    "{rejected} afgewezen",
    # -- the programme-wide site (site build --federated) --
    "site.city": "Stad",
    "site.filter.city": "Stad",
}
