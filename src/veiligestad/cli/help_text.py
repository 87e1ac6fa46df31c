"""``veiligestad --help`` and ``veiligestad COMMAND --help`` of the commands
run most often, pre-rendered by ``python -m veiligestad.cli.reference``.
Do not edit by hand.
"""

TOP_HELP = (
    'Usage: veiligestad [OPTIONS] COMMAND [ARGS]...\n'
    '\n'
    '  Student research for safe cities for women and girls, kept as YAML in git:\n'
    '  validate, link, query and render it.\n'
    '\n'
    'Options:\n'
    "  --kb <path>           The knowledge base's folder (default: found by walking\n"
    '                        up from the current folder).  [env var:\n'
    '                        VEILIGESTAD_KB]\n'
    '  --lang nl|en          Language of messages and reports: nl or en (default:\n'
    "                        the knowledge base's).  [env var: VEILIGESTAD_LANG]\n"
    '  --version             Show the version and exit.\n'
    '  --install-completion  Install completion for the current shell.\n'
    '  --show-completion     Show completion for the current shell, to copy it or\n'
    '                        customize the installation.\n'
    '  -h, --help            Show this message and exit.\n'
    '\n'
    'Commands:\n'
    '  init          Create a knowledge base: veiligestad.yaml with the...\n'
    '  validate      Check every record: fields, values, IDs, links,...\n'
    '  vocab         List the allowed values of every controlled field, with...\n'
    '  link          Link a project or finding to a question, or a finding to...\n'
    '  status        Move a record to a new status when the transition is...\n'
    '  unlink        Remove a link between two records.\n'
    '  query         Find records: conditions, full text, periods, links;...\n'
    '  show          Show a record, what it links to and what links back to it.\n'
    '  graph         Draw questions, projects and findings as a graph: Mermaid...\n'
    "  gaps          List the coordinator's queue, grouped, each group with...\n"
    '  stats         Show the figures a coordinator reports, for a quarter or...\n'
    '  export        Export every record for analysis elsewhere: SQLite, CSV,...\n'
    '  changes       List the records added, changed and removed in a period,...\n'
    '  contributors  Count the people who added findings, per institution,...\n'
    "  history       Show a record's history from git: each commit that...\n"
    '  review        Mark links as reviewed, from either end.\n'
    '  renumber      During a merge: when both branches took in a question (or...\n'
    '  intake        Take in questions: at the prompt, or from a partner...\n'
    "  new           Add a project or a finding from the knowledge base's...\n"
    '  schema        JSON Schemas of the records, for editors.\n'
    '  report        Quarterly reports and partner digests (Markdown, HTML, PDF).\n'
    '  site          The public website of results: static files any web...\n'
    "  federation    The programme-wide view: other cities' knowledge bases...\n"
)

COMMAND_HELP = {
    'validate': (
        'Usage: veiligestad validate [OPTIONS] [PATH]\n'
        '\n'
        '  Check every record: fields, values, IDs, links, lifecycle, dates and\n'
        '  personal data.\n'
        '\n'
        '  Exit code 0 when there are no errors, 1 when there are (or warnings with\n'
        '  --strict), 2 when the command was used wrongly.\n'
        '\n'
        'Arguments:\n'
        '  PATH  Only report on these files or folders in data/ or queries/ (links are\n'
        '        still checked against the whole knowledge base).\n'
        '\n'
        'Options:\n'
        '  -f, --format <text|json|github>\n'
        '                                  Output format.  [default: text]\n'
        '  --strict                        Fail (exit 1) on warnings too.\n'
        '  --changed-since REF             Only report on records changed since git REF\n'
        '                                  (e.g. main), and on records whose links the\n'
        '                                  change breaks.\n'
        '  --no-cache                      Read and check every file afresh, without\n'
        '                                  the cache in .veiligestad-cache/ (which\n'
        '                                  validate never trusts blindly).\n'
        '  -h, --help                      Show this message and exit.\n'
    ),
}
