"""The demo outlet, *The Steppe Ledger*, and `serai demo`, which loads it.

Everything here is invented: the outlet, its region and towns, its staff and every person quoted.
"""
