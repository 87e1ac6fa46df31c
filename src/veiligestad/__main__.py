from veiligestad.cli.entry import main

main()
