"""`python -m legalcli`."""

from legalcli.entry import main

if __name__ == "__main__":
    main()
