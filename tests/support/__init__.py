"""What the tests share: clients of the fake and of moto, the fast retry policy, and tools.

Test modules import from here, never from one another.
"""
