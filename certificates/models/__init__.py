from .branding import CertificateBranding

__all__ = ["CertificateBranding"]
