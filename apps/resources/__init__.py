"""Shared resources: rooms, desks, equipment, licence seats and servers that a member,
a cooperation or an organisation owns, and the bookings of the people who may use
them – without double-booking, also when many book at once."""
