"""Everything that touches botocore: the session, sending, retries, error translation, bodies.

The rest of lambda-esm talks to Lambda through this package only, and gets models and
lambda-esm errors back; no botocore type or exception crosses its edge.
"""
