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
    "tab.found": "een tab-teken",
    "tab.hint": "spring in met spaties; stel je editor in op spaties in plaats van tabs",
    "record_shape.empty": "het bestand is leeg",
    "record_shape.empty_hint": "begin met een sjabloon: veiligestad new finding (of project)",
    "record_shape.not_mapping": "het bestand bevat een {type}, geen record van 'veld: waarde'-"
    "regels",
    "record_shape.hint": "een record begint met 'id: …' tegen de kantlijn, één veld per regel",
    "implicit_type.bool": "dit is gelezen als de ja/nee-waarde {value}, niet als tekst",
    "implicit_type.number": "dit is gelezen als het getal {value}, niet als tekst",
    "implicit_type.date": "dit is gelezen als de datum {value}, niet als tekst",
    "implicit_type.hint": "zet de waarde tussen aanhalingstekens, bijvoorbeeld \"no\"",
    "implicit_type.sexagesimal": (
        "{raw} zonder aanhalingstekens wordt als getal gelezen (1:30 wordt 90), niet als tekst"
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
    "commit.import": "intake: {count} vraag/vragen geïmporteerd uit {file}",
    "commit.intake": "intake: {id} {title}",
    "commit.link": "koppeling: {holder} → {target}",
    "commit.new": "nieuw {kind}: {id} {title}",
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
    "link.answered": "{project} kan {id} niet loslaten: bevinding(en) {findings} beantwoorden "
    "die vraag",
    "link.answered_hint": "ontkoppel eerst die bevindingen van de vraag (veiligestad unlink)",
    "link.did_you_mean": "bedoelt u {id}?",
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
    # -- reports and site --
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
    "changes.ref_hint": "geef een datum als JJJJ-MM-DD (2026-07-01) of een git-ref (main, v1.0, "
    "een commit)",
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
}
