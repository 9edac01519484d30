"""The inventory's SigV4 signs every request exactly as the installed botocore's SigV4Auth does."""

from __future__ import annotations

from urllib.parse import quote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials
from hypothesis import given, settings
from hypothesis import strategies as st

from lambda_esm._inventory._sigv4 import SigV4

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
HEADER_VALUE = st.text(st.sampled_from("ab c\t"), max_size=8)


@st.composite
def requests(draw: st.DrawFn) -> AWSRequest:
    """A request as a shared client prepares one: any method, path, query, headers and body."""
    scheme, port = draw(st.sampled_from([("http", None), ("https", 443), ("http", 8080)]))
    host = draw(st.sampled_from(["lambda.eu-west-1.amazonaws.com", "127.0.0.1", "[::1]"]))
    path = "/" + "/".join(quote(part, safe="") for part in draw(st.lists(TEXT, max_size=3)))
    query = "&".join(
        f"{quote(key, safe='')}={quote(value, safe='')}"
        for key, value in draw(st.lists(st.tuples(TEXT, TEXT), max_size=3))
    )
    netloc = host if port is None else f"{host}:{port}"
    headers = draw(
        st.dictionaries(
            st.sampled_from(
                ["Content-Type", "User-Agent", "amz-sdk-request", "X-Custom", "Expect"]
            ),
            HEADER_VALUE,
        )
    )
    return AWSRequest(
        method=draw(st.sampled_from(["GET", "POST", "PUT", "DELETE"])),
        url=f"{scheme}://{netloc}{path}" + (f"?{query}" if query else ""),
        headers=headers,
        data=draw(st.binary(max_size=20)),
    )


@settings(max_examples=300)
@given(
    request=requests(),
    token=st.none() | st.just("session-token"),
    service=st.sampled_from(["lambda", "sts", "ec2"]),
)
def test_each_request_is_signed_as_botocore_signs_it(
    request: AWSRequest, token: str | None, service: str
) -> None:
    """Authorization, X-Amz-Date and the token header equal SigV4Auth's for the same request."""
    credentials = ReadOnlyCredentials(
        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token
    )
    prepared = request.prepare()
    theirs = AWSRequest(
        method=prepared.method,
        url=prepared.url,
        headers=dict(prepared.headers.items()),
        data=prepared.body,
    )
    SigV4Auth(credentials, service, "eu-west-1").add_auth(theirs)
    signer = SigV4(service, "eu-west-1")

    # Twice: the second time from the cached key, over the first signature's headers.
    for _ in range(2):
        signer.sign(prepared, credentials, theirs.context["timestamp"])
        names = ("Authorization", "X-Amz-Date", "X-Amz-Security-Token")
        assert [theirs.headers.get(name) for name in names] == [
            prepared.headers.get(name) for name in names
        ]
