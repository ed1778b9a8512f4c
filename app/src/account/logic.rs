//! Account input rules: pure, unit-tested.

use crate::error::FieldErrors;

pub const MIN_PASSWORD_LEN: usize = 8;
/// Long enough for passphrases; bounded so hashing cost stays bounded (OWASP ASVS V2.1.2).
pub const MAX_PASSWORD_LEN: usize = 128;

/// An email address that passed our (deliberately light) syntax check:
/// one `@`, a non-empty local part, a domain with a dot, no spaces or control
/// characters, at most [`MAX_EMAIL_LEN`] bytes.
/// Deliverability can only be proven by sending mail, which a self-hosted
/// install may not be able to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

/// The longest address (RFC 5321's path limit less the angle brackets).
pub const MAX_EMAIL_LEN: usize = 254;

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim();
        if email.is_empty() {
            return Err("Enter your email address.");
        }
        let valid = email.len() <= MAX_EMAIL_LEN
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Self(email.to_owned()))
        } else {
            Err("Enter an email address like name@example.com.")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a new password: length and not on the common-password list
/// (`is_common` is the list lookup, which lives on the server).
pub fn check_new_password(password: &str, email: &str, is_common: impl Fn(&str) -> bool) -> Result<(), &'static str> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err("Use at least 8 characters.");
    }
    if len > MAX_PASSWORD_LEN {
        return Err("Use at most 128 characters.");
    }
    let lowered = password.to_lowercase();
    if is_common(&lowered) {
        return Err("This password is too common; choose one that is harder to guess.");
    }
    if !email.is_empty() && lowered == email.trim().to_lowercase() {
        return Err("Do not use your email address as your password.");
    }
    Ok(())
}

/// Sign-up input, parsed.
pub struct SignUp {
    pub email: Email,
    pub display_name: String,
}

pub fn parse_sign_up(
    email: &str,
    password: &str,
    display_name: &str,
    is_common: impl Fn(&str) -> bool,
) -> Result<SignUp, FieldErrors> {
    let mut errors = FieldErrors::new();
    let parsed_email = Email::parse(email).map_err(|m| errors.add("email", m)).ok();
    if let Err(m) = check_new_password(password, email, is_common) {
        errors.add("password", m);
    }
    let display_name = display_name.trim();
    if display_name.is_empty() {
        errors.add("display_name", "Enter your name.");
    } else if display_name.chars().count() > 80 {
        errors.add("display_name", "Use at most 80 characters.");
    }
    match parsed_email {
        Some(email) if errors.is_empty() => Ok(SignUp { email, display_name: display_name.to_owned() }),
        _ => Err(errors),
    }
}

/// The proxies whose `X-Forwarded-For` is believed (`WELLTRACK_TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<std::net::IpAddr>);

/// Most `X-Forwarded-For` hops looked at; a longer header is a forgery or a loop.
pub const MAX_FORWARDED_HOPS: usize = 16;

/// The client's address: the peer, unless the peer is a trusted proxy; then
/// the nearest address in `X-Forwarded-For` (read from the right) that is
/// not itself a trusted proxy. Entries a client wrote itself sit on the left
/// and are never reached while a trusted proxy appends the real peer.
/// Linear in the header, and at most [`MAX_FORWARDED_HOPS`] entries.
pub fn client_address(
    peer: std::net::IpAddr,
    forwarded_for: Option<&str>,
    trusted: &TrustedProxies,
) -> std::net::IpAddr {
    let mut client = peer;
    if let Some(header) = forwarded_for {
        for hop in header.rsplit(',').take(MAX_FORWARDED_HOPS) {
            if !trusted.0.contains(&client) {
                break;
            }
            match hop.trim().parse() {
                Ok(address) => client = address,
                Err(_) => break,
            }
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: &str) -> bool {
        false
    }

    #[test]
    fn email_parse_accepts_ordinary_addresses_and_trims() {
        assert_eq!(Email::parse("  ana@example.org ").unwrap().as_str(), "ana@example.org");
    }

    #[test]
    fn email_parse_rejects_malformed_addresses() {
        for bad in ["", "ana", "ana@", "@example.org", "ana@localhost", "a b@example.org", "a@b@c.org", "ana@.org"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn short_passwords_are_rejected() {
        assert!(check_new_password("seven77", "", never).is_err());
        assert!(check_new_password("eight888", "", never).is_ok());
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // 8 characters, 16 bytes
        assert!(check_new_password("ééééèèèè", "", never).is_ok());
        assert!(check_new_password(&"x".repeat(129), "", never).is_err());
    }

    #[test]
    fn common_passwords_are_rejected_case_insensitively() {
        let is_common = |p: &str| p == "password123";
        assert!(check_new_password("PassWord123", "", is_common).is_err());
    }

    #[test]
    fn the_email_address_is_not_a_password() {
        assert!(check_new_password("Ana@Example.org", "ana@example.org", never).is_err());
    }

    #[test]
    fn sign_up_collects_every_field_error() {
        let errors = parse_sign_up("nope", "short", " ", never).err().unwrap();
        assert!(errors.get("email").is_some());
        assert!(errors.get("password").is_some());
        assert!(errors.get("display_name").is_some());
    }

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        let client: std::net::IpAddr = "203.0.113.7".parse().unwrap();
        let trusted = TrustedProxies(vec![proxy]);
        // Straight from the internet: the header is the client's own words.
        assert_eq!(client_address(client, Some("198.51.100.1"), &trusted), client);
        // Through the proxy: the address it appended.
        assert_eq!(client_address(proxy, Some("198.51.100.1, 203.0.113.7"), &trusted), client);
        // A proxy without a header, or with garbage, is the client itself.
        assert_eq!(client_address(proxy, None, &trusted), proxy);
        assert_eq!(client_address(proxy, Some("not-an-ip"), &trusted), proxy);
        // Nothing trusted: the peer, whatever the header says.
        assert_eq!(client_address(proxy, Some("203.0.113.7"), &TrustedProxies::default()), proxy);
        // A chain of trusted proxies is walked; a forged chain stops at the hop cap.
        let second: std::net::IpAddr = "10.0.0.3".parse().unwrap();
        let chain = TrustedProxies(vec![proxy, second]);
        assert_eq!(client_address(proxy, Some("203.0.113.7, 10.0.0.3"), &chain), client);
        let forged = vec!["10.0.0.2"; 10_000].join(",");
        assert_eq!(client_address(proxy, Some(&forged), &chain), proxy);
    }

    #[test]
    fn an_email_with_control_characters_is_not_an_email() {
        assert!(Email::parse("x\u{0}@example.org").is_err());
        assert!(Email::parse("x@exa\u{7}mple.org").is_err());
        assert!(Email::parse(&format!("{}@example.org", "a".repeat(MAX_EMAIL_LEN))).is_err());
        assert!(Email::parse("x@example.org").is_ok());
    }
}
