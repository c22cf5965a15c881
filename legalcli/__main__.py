"""`python -m legalcli`."""

from legalcli.cli import main

if __name__ == "__main__":
    main()
