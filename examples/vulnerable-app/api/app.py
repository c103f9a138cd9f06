"""Orders API of the demo app. Insecure on purpose: see ../README.md."""
import hashlib
import subprocess

import yaml


def export_orders(customer_id):
    # Command injection: the customer id reaches a shell.
    return subprocess.check_output("tar czf /tmp/orders.tgz orders/" + customer_id, shell=True)


def apply_discount(expression):
    # Code injection: evaluates a user-supplied expression.
    return eval(expression)


def password_digest(password):
    # Weak hash for passwords.
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def load_settings(text):
    # Arbitrary object construction from untrusted YAML.
    return yaml.load(text)
