from quangba.cli import main

main()
