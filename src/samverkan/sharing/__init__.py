"""Hit/no-hit and requests for information between organisations.

Where a reader may not see a report, the system still tells them that another
organisation holds information on the same identifier, and lets them ask for
it. Only AMBER+STRICT reports give such hits: RED and compartmented reports
stay invisible even as a count. The holder grants (the named reports are
disclosed to the asking organisation) or refuses with an answer; the request,
the answer and the disclosure are recorded in the audit trail.
"""
