"""Personal data as a whole: a person's access request under the GDPR (access_requests)."""
