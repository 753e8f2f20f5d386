"""careline's SIP stack (RFC 3261), sans-I/O: messages, transactions, dialogs, digest auth and
the user-agent core take bytes and time in and give bytes, events and timers out. Only
``telephony.sip.transport`` touches sockets and the event loop."""
