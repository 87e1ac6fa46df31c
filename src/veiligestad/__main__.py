from veiligestad.cli.main import main

main()
