"""A small service with the insecure patterns the demo and the real-bandit test look for."""
import hashlib
import subprocess

import yaml


def run(command):
    return subprocess.call(command, shell=True)


def calculate(expression):
    return eval(expression)


def fingerprint(data):
    return hashlib.md5(data).hexdigest()


def load_settings(text):
    return yaml.load(text)


def reviewed(command):
    return subprocess.call(command, shell=True)  # nosec
